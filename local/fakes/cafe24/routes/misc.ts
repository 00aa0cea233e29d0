/** Carriers (scope shipping) and suppliers (scope supply), read-only (reference §8, §10). */
import { ApiError } from '../errors';
import { CAPS, listParam, paging } from '../paging';
import { renderCarrier, renderSupplier } from '../render';
import type { Json, MallState } from '../model';
import type { Route } from '../router';

function filterSuppliers(mall: MallState, q: URLSearchParams): Json[] {
  const codes = listParam(q, 'supplier_code');
  const name = q.get('supplier_name');
  return mall.suppliers.filter(
    (s) => (!codes || codes.includes(String(s.supplier_code))) && (name === null || String(s.supplier_name).includes(name)),
  );
}

export function miscRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/carriers',
      scope: 'shipping',
      query: { read: [] },
      handler: (ctx) => ({ status: 200, body: { carriers: ctx.mall.carriers.map(renderCarrier) } }),
    },
    {
      method: 'GET',
      pattern: '/carriers/:carrier_id',
      scope: 'shipping',
      query: { read: [] },
      handler: (ctx) => {
        const c = ctx.mall.carriers.find((x) => String(x.carrier_id) === ctx.params.carrier_id);
        if (!c) throw new ApiError(404, `No carrier found. (${ctx.params.carrier_id})`);
        return { status: 200, body: { carrier: renderCarrier(c) } };
      },
    },
    {
      method: 'GET',
      pattern: '/suppliers',
      scope: 'supply',
      query: { read: ['supplier_code', 'supplier_name', 'limit', 'offset'] },
      handler: (ctx) => {
        const page = paging(ctx.query, CAPS.suppliers);
        const list = filterSuppliers(ctx.mall, ctx.query);
        return { status: 200, body: { suppliers: list.slice(page.offset, page.offset + page.limit).map(renderSupplier) } };
      },
    },
    {
      method: 'GET',
      pattern: '/suppliers/count',
      scope: 'supply',
      query: { read: ['supplier_code', 'supplier_name'] },
      handler: (ctx) => ({ status: 200, body: { count: filterSuppliers(ctx.mall, ctx.query).length } }),
    },
    {
      method: 'GET',
      pattern: '/suppliers/:supplier_code',
      scope: 'supply',
      query: { read: [] },
      handler: (ctx) => {
        const s = ctx.mall.suppliers.find((x) => x.supplier_code === ctx.params.supplier_code);
        if (!s) throw new ApiError(404, `No supplier found. (${ctx.params.supplier_code})`);
        return { status: 200, body: { supplier: renderSupplier(s) } };
      },
    },
  ];
}
