/**
 * The SmartStore account the end-to-end specs run: the partner row staff type, the keys they
 * enter in the sidebar, the scenario around them (built bundle, fake Commerce API behind the
 * relay), and the fake's request log.
 */
import { paths } from '../../local/paths';
import { DEFAULT_ACCOUNT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../local/fakes/naver';
import { runScenario, type SandboxResult } from '../../local/sandbox/run';
import { parseScenario } from '../../local/sandbox/scenario';

// After the default seed's order was paid (09:13).
export const NAVER_START = '2026-11-23T10:00:00+09:00';
// Partners tab columns A..R, 발주확인 자동 last (see coupang-e2e.test.ts).
export const naverRow = (confirmAtOnce: boolean) => ['PNR005', '나잘란 스마트스토어', '자사몰', '스마트스토어', DEFAULT_ACCOUNT_ID, 1, '', 100, '예치금', 0, 0, 0, '', '', '', '', '', confirmAtOnce];
export const naverKeys = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET };

export interface NaverLog {
  method: string;
  path: string;
  remoteAddress?: string;
  status: number;
  code?: string | null;
  requestBody?: unknown;
}

export const naverLog = (r: SandboxResult) => r.channels.get('naver')!.requestLog() as NaverLog[];

/** Runs a SmartStore scenario (setupWorkbook first); the caller closes `runtime` in afterAll. */
export function runNaver(events: unknown[], opts: { relay?: boolean; duration?: string; naver?: unknown } = {}): Promise<SandboxResult> {
  return runScenario(
    parseScenario({
      name: 'naver',
      start: NAVER_START,
      duration: opts.duration ?? '8m',
      channels: { naver: opts.naver ?? 'default' },
      ...(opts.relay === false ? { relay: false } : {}),
      events: [{ at: '+0m', type: 'menu', function: 'setupWorkbook' }, ...events],
    }),
    { bundleDir: paths.build },
  );
}
