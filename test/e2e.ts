/**
 * What the end-to-end specifications share: the demo's morning as a starting point, a scenario
 * run that must end clean, and the workbook's tabs read back as rows by header.
 */
import { paths } from '../local/paths';
import { runScenario, type SandboxResult } from '../local/sandbox/run';
import { parseScenario } from '../local/sandbox/scenario';
import demo from '../local/sandbox/scenarios/demo.json';

export { demo };

/**
 * The demo's events less its marketplace accounts' setup (their partner rows and API keys, at
 * +12m): for specs written about the three Cafe24 malls.
 */
export function cafe24Only<E extends { type: string; sheet?: string; function?: string; range?: string }>(events: readonly E[]): E[] {
  return events.filter((e) => !(e.type === 'sidebar' && e.function === 'saveChannelKeys') && !(e.type === 'edit' && e.sheet === '파트너' && e.range === 'A5'));
}

/** The demo's setup up to `untilMinute`: partners typed, the Cafe24 app saved, malls connected, products and ratios. */
export function demoMorning(untilMinute = 11): unknown[] {
  return (demo.events as Array<{ type: string; at: string }>).filter((e) => ['edit', 'sidebar', 'authorize'].includes(e.type) && parseInt(e.at.slice(1), 10) <= untilMinute);
}

/** Runs a scenario (the demo's fields unless overridden) on the built bundle; no event and no execution may fail. */
export async function runClean(scenario: Record<string, unknown>): Promise<SandboxResult> {
  const r = await runScenario(parseScenario({ ...demo, ...scenario }), { bundleDir: paths.build });
  expect(r.eventErrors).toEqual([]);
  expect(r.runtime.executions.flatMap((x) => x.errors)).toEqual([]);
  return r;
}

/** A tab as rows keyed by its header labels. */
export function tabRows(r: SandboxResult, name: string): Array<Record<string, unknown>> {
  const [header, ...rows] = r.sheets.snapshot().find((s) => s.name === name)!.values as unknown[][];
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i]])));
}

/** One request as the fake Cafe24 logged it. */
export interface FakeRequest {
  at: number;
  mall: string | null;
  method: string;
  path: string;
  status: number;
}

export const fakeRequests = (r: SandboxResult): FakeRequest[] => r.channels.get('cafe24')!.requestLog() as FakeRequest[];

/** A scenario event: a buyer orders at a mall (+20 minutes), delivered to `receiver`. */
export const mallOrder = (mall: string, orderId: string, receiver: string, productNo: number, quantity = 1) => ({
  at: '+20m',
  type: 'channel',
  channel: 'cafe24',
  action: 'addOrder',
  args: [mall, { order_id: orderId, buyer: { name: receiver }, receiver: { name: receiver, cellphone: '010-9999-0000', address1: `${receiver}시 1번길`, address2: '1호' }, items: [{ product_no: productNo, quantity }] }],
});

/** The shipments a mall of the fake Cafe24 holds at the end of a run. */
export const mallShipments = (r: SandboxResult, mall: string) =>
  (r.channels.get('cafe24')!.state() as { malls: Record<string, { shipments: Array<{ order_id: string; tracking_no: string }> }> }).malls[mall]!.shipments;
