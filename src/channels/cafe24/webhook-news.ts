/**
 * Cafe24's webhooks as the add-on hears them: not directly (a web app's doPost cannot read the
 * `x-api-key` header, answers 302, and a burst would take the 30 simultaneous executions;
 * fidelity-and-marketplaces.md §2.5), but through our relay, which checks the key, answers
 * Cafe24 at once and keeps per mall which kinds of news came. Once a minute the add-on asks the
 * relay, in one request riding in the first fetchAll of the run, which of its malls have news
 * since the last answer.
 */
import type { HttpRequest, HttpResponse } from '../../core/http';
import * as z from '../../core/zod';
import { builtOnUse } from '../../core/zod-helpers';
import type { RelayPort, WebhookCapability } from '../port';
import { NEWS_KINDS, RELAY_NEWS_PATH, type NewsAnswer, type NewsQuestion } from '../relay-wire';

/** The news question for these malls, signed for the relay. */
function newsRequest(relay: RelayPort, question: NewsQuestion): HttpRequest {
  return relay.own(RELAY_NEWS_PATH, JSON.stringify(question));
}

const Answer = builtOnUse(() => z.object({
  boot: z.string().check(z.minLength(1), z.maxLength(64)),
  seq: z.int().check(z.nonnegative()),
  listening: z.boolean(),
  gap: z.boolean(),
  malls: z.record(z.string(), z.object({ heardAt: z.nullable(z.number()), news: z.array(z.enum(NEWS_KINDS)) })),
}));

/**
 * The relay's answer, or why there is none (no answer, a refusal, a body that does not fit):
 * the caller then reads every mall as if no relay were there, so a relay down costs fetches,
 * never an order.
 */
function readNews(r: HttpResponse): { readonly ok: true; readonly answer: NewsAnswer } | { readonly ok: false; readonly why: string } {
  if (r.status !== 200) return { ok: false, why: r.status === 0 ? 'no answer' : `HTTP ${r.status}` };
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    return { ok: false, why: 'the answer is not JSON' };
  }
  const parsed = Answer.safeParse(body);
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false, why: `the answer does not fit: ${parsed.error.issues[0]?.message ?? ''}` };
}

export const cafe24Webhooks: WebhookCapability = { request: newsRequest, read: readNews };
