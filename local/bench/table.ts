/**
 * Round-trip arithmetic and the final table. A case's round trips are what the runtime counted
 * per `Service.Class.method` (ExecutionRecord.roundTrips); "by service" sums them per `Service`.
 */
import type { ExecutionRecord } from '../runtime/runtime';

export interface CaseResult {
  name: string;
  roundTrips: Record<string, number>;
  /** What a perfect implementation would need (each case explains its bound where it is set). */
  lowerBound: number;
  /** Allowed ratio to the lower bound; null when the issue sets none. */
  target: number | null;
  /** Further conditions of the target (e.g. "at most 2 Sheets round trips"), already checked. */
  extra?: { text: string; met: boolean };
  /** Replaces the round-trip columns for rows that measure something else (quota use). */
  custom?: { measured: string; byService: string; bound: string; ratio: string; target: string; met: boolean | null };
}

export function total(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}

export function byServiceOf(r: Record<string, number>): Record<string, number> {
  const s: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) {
    const svc = k.split('.')[0]!;
    s[svc] = (s[svc] ?? 0) + v;
  }
  return s;
}

export function byService(r: Record<string, number>): string {
  return Object.entries(byServiceOf(r))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

export function service(r: Record<string, number>, name: string): number {
  return byServiceOf(r)[name] ?? 0;
}

export function sum(execs: readonly ExecutionRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of execs) for (const [k, v] of Object.entries(x.roundTrips)) out[k] = (out[k] ?? 0) + v;
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function cells(c: CaseResult): string[] {
  if (c.custom) {
    const met = c.custom.met === null ? '—' : c.custom.met ? 'yes' : 'NO';
    return [c.name, c.custom.measured, c.custom.byService, c.custom.bound, c.custom.ratio, c.custom.target, met];
  }
  const t = total(c.roundTrips);
  const ratio = t / c.lowerBound;
  const ratioMet = c.target === null ? null : ratio <= c.target + 1e-9;
  const met = ratioMet === null ? null : ratioMet && (c.extra?.met ?? true);
  const target = c.target === null ? 'none set' : `≤ ${c.target}×${c.extra ? `, ${c.extra.text}` : ''}`;
  return [c.name, String(t), byService(c.roundTrips), String(c.lowerBound), `${ratio.toFixed(2)}×`, target, met === null ? '—' : met ? 'yes' : 'NO'];
}

/** case | round trips | by service | lower bound | ratio | target | met? — aligned, one row a case. */
export function printTable(rows: readonly CaseResult[], out: (s: string) => void = console.log): void {
  const head = ['case', 'round trips', 'by service', 'lower bound', 'ratio', 'target', 'met?'];
  const body = rows.map(cells);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(width[i]!)).join(' | ').trimEnd();
  out(line(head));
  out(width.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of body) out(line(r));
}

/** The round trips of a run by method, most first (`Class.method`, or `Service.method`). */
export function detail(x: Pick<ExecutionRecord, 'roundTrips'>): string {
  return Object.entries(x.roundTrips)
    .sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0]))
    .map(([k, v]) => `${k.split('.').length > 2 ? k.slice(k.indexOf('.') + 1) : k} ${v}`)
    .join(', ');
}
