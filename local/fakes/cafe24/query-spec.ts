/**
 * What a GET endpoint does with each query parameter, so none is silently ignored: a parameter
 * the handler reads (`read`), a documented one the fake does not emulate (`notEmulated`:
 * refused with 422 naming it, so a product that starts sending it learns at once that the
 * fake cannot say what Cafe24 would answer), or one Cafe24 does not document (the strict
 * option `unknownQueryParams`: ignored, the likelier reading of a silent reference, or refused).
 * `embed` values get the same treatment one by one. `shop_no` is read everywhere: only shop 1
 * exists in the fake.
 */
import { ApiError, paramError } from './errors';

export interface QuerySpec {
  /** Parameters the handler reads (each has a behaviour spec in test/fakes/cafe24-list-params.test.ts). */
  readonly read: readonly string[];
  /** Documented parameters the fake does not emulate. */
  readonly notEmulated?: readonly string[];
  /** `embed` values, when the endpoint takes `embed` (it must then be in `read`). */
  readonly embeds?: { readonly read: readonly string[]; readonly notEmulated?: readonly string[] };
}

export type UnknownQueryReading = 'ignore' | 'reject';

export const NOT_EMULATED = 'is documented by Cafe24 but not emulated by the fake Cafe24; leave it out or teach the fake.';

export function notEmulatedError(name: string): ApiError {
  return paramError(name, NOT_EMULATED);
}

/**
 * Refuses what the endpoint refuses and answers the query its handler sees: under 'ignore' an
 * undocumented parameter or `embed` value is left out, so it is ignored in fact (an `embed`
 * the handler happens to know is not honoured where Cafe24 does not document it).
 */
export function checkQuery(spec: QuerySpec, q: URLSearchParams, unknown: UnknownQueryReading): URLSearchParams {
  const seen = new URLSearchParams();
  for (const name of new Set(q.keys())) {
    if (name === 'shop_no') {
      const v = q.get(name);
      if (v !== '' && v !== '1') throw new ApiError(422, '[Shop_no] The shop does not exist. (parameter.shop_no)');
      seen.set(name, v ?? '');
      continue;
    }
    if (spec.notEmulated?.includes(name)) throw notEmulatedError(name);
    if (!spec.read.includes(name)) {
      if (unknown === 'reject') throw paramError(name, 'is not a parameter of this API.');
      continue;
    }
    let value = q.get(name) ?? '';
    if (name === 'embed' && spec.embeds) {
      const kept: string[] = [];
      for (const e of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (spec.embeds.notEmulated?.includes(e)) throw paramError('embed', `(${e}) ${NOT_EMULATED}`);
        if (spec.embeds.read.includes(e)) kept.push(e);
        else if (unknown === 'reject') throw paramError('embed', `has an invalid value (${e}).`);
      }
      value = kept.join(',');
    }
    seen.set(name, value);
  }
  return seen;
}
