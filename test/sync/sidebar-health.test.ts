import { paths } from '../../local/paths';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';
import demo from '../../local/sandbox/scenarios/demo.json';
import { cafe24Only } from '../e2e';
import type { SidebarState } from '../../src/jobs/sidebar-view';
import type { NextRunPreview } from '../../src/jobs/next-run-preview';

/**
 * The sidebar's server side on the built bundle: after the demo's morning (three malls connected)
 * one mall's tokens are revoked; the sidebar then says which mall needs what, when each job last
 * worked, and how much of today's quotas the sync used, as the runtime itself counted it.
 */
const setup = cafe24Only(demo.events as Array<{ type: string }>).filter((e) => ['edit', 'sidebar', 'authorize'].includes(e.type));
const T0 = Date.parse(demo.start);

describe('the sidebar after a morning of syncing', () => {
  let r: SandboxResult;
  let state: SidebarState;
  let preview: NextRunPreview;
  beforeAll(async () => {
    r = await runScenario(
      parseScenario({
        ...demo,
        name: 'sidebar health',
        duration: '30m',
        events: [
          ...setup,
          // Just after the first stock push to the malls connected at +9m: new products are not in them yet.
          { at: '+12m30s', type: 'sidebar', function: 'getSidebarState', args: [] },
          { at: '+20m', type: 'channel', channel: 'cafe24', action: 'revokeTokens', args: ['borasaeg'] },
        ],
      }),
      { bundleDir: paths.build },
    );
    state = (await r.runtime.run('getSidebarState', [], 'sidebar')).result as SidebarState;
    preview = (await r.runtime.run('previewNextRun', [], 'sidebar')).result as NextRunPreview;
  });
  afterAll(async () => r && (await r.runtime.close()));

  it('answers without error, in values google.script.run can carry', () => {
    expect(r.runtime.executions.filter((x) => x.function === 'getSidebarState' || x.function === 'previewNextRun').flatMap((x) => x.errors)).toEqual([]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('shows the trigger every minute and the last run within the last minute', () => {
    expect(state.sync).toMatchObject({ installed: true, cadence: 'minute' });
    expect(state.now - state.sync.lastRunAt!).toBeLessThan(60_000);
  });

  it('names the mall whose consent was revoked as needing a reconnect, with what to do', () => {
    const bora = state.partners.find((p) => p.partnerId === 'PNR002')!;
    expect(bora.connection).toBe('reconnect');
    const orders = bora.jobs.find((j) => j.job === 'orders')!;
    expect(orders.error).toMatchObject({ cleared: false, advice: expect.stringContaining('[다시 연결]') });
    expect(orders.lastOkAt).toBeLessThan(T0 + 21 * 60_000);
  });

  it('shows the other malls collecting every minute', () => {
    for (const id of ['PNR001', 'PNR003']) {
      const p = state.partners.find((x) => x.partnerId === id)!;
      expect(p.connection).toBe('connected');
      expect(p.tokenExpiresAt! - state.now).toBeGreaterThan(13 * 86_400_000);
      const orders = p.jobs.find((j) => j.job === 'orders')!;
      expect(orders.lagMs).toBeLessThan(60_000);
      expect(orders.error?.cleared ?? true).toBe(true);
    }
  });

  it("counts today's URL fetches and trigger time as the runtime's own quota book does, less the consent callbacks", () => {
    const fetches = r.runtime.quotaUsed('urlfetch');
    expect(state.quotas.fetches.used).toBeLessThanOrEqual(fetches);
    // All but the three consent callbacks' code exchanges, which are not sync runs.
    expect(fetches - state.quotas.fetches.used).toBeLessThanOrEqual(3);
    expect(state.quotas.fetches.limit).toBe(20_000);
    expect(state.quotas.triggerMinutes.used).toBeLessThanOrEqual(r.runtime.quotaUsed('triggerRuntime') / 60_000 + 0.1);
    expect(state.quotas.triggerMinutes.limit).toBe(90);
  });

  it('says of SKUs a mall lacks at its first connection what to do, as a notice, not as a stock error', () => {
    const early = r.runtime.executions.find((x) => x.function === 'getSidebarState')!.result as SidebarState;
    for (const s of [early, state]) for (const p of s.partners) expect(p.jobs.find((j) => j.job === 'stock')?.error ?? null).toBeNull();
    const notices = early.partners.flatMap((p) => (p.notice ? [p.notice] : []));
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(n).toMatch(/^몰에 아직 없는 상품 \d+건: .*상품 전송.*재고가 연동됩니다/);
    // Once the product push has registered them, the notice is gone.
    expect(state.partners.filter((p) => p.notice)).toEqual([]);
  });

  it("gives the dry run's counts as each partner's queue", () => {
    expect(state.nextRun.summary).toBe(preview.summary);
    for (const p of state.partners.filter((x) => x.connection === 'connected')) {
      expect(p.jobs.find((j) => j.job === 'stock')!.waiting).toBe(preview.byPartner[p.partnerId]?.stock ?? 0);
    }
  });
});
