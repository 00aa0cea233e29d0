/**
 * `X-Cafe24-Api-Version` (reference §1). Versions are dated releases; one expires a year after
 * the next one is released, and a call naming an expired version runs at the oldest version
 * still alive. A call without the header runs at the app's configured version. A string that is
 * not a known release is refused with 400 (SHIPMGR's retry-on-400 suggests so; weak evidence).
 * The effective version is echoed in the answer's `X-Cafe24-Api-Version` header (our choice:
 * the reference does not say whether Cafe24 echoes it). Pure.
 */
import { parseCafe24Date } from './time';

export type VersionResult = { ok: true; version: string } | { ok: false };

function releasedAt(v: string): number {
  return parseCafe24Date(v) ?? 0;
}

/** Releases oldest first, each with the moment it expires (the newest never does). */
type Lifetimes = ReadonlyArray<{ readonly version: string; readonly expiresAt: number }>;

/** Per list of known releases (a fake's options keep one): worked out once, not on every call. */
const lifetimesOf = new WeakMap<readonly string[], Lifetimes>();

function lifetimes(known: readonly string[]): Lifetimes {
  let l = lifetimesOf.get(known);
  if (!l) {
    const sorted = [...known].sort();
    l = sorted.map((version, i) => {
      const next = sorted[i + 1];
      return { version, expiresAt: next === undefined ? Infinity : releasedAt(next) + 365 * 86_400_000 };
    });
    lifetimesOf.set(known, l);
  }
  return l;
}

/** The version a release is served at `now`: itself, or the oldest live one once expired. */
export function effectiveVersion(requested: string, known: readonly string[], now: number): string {
  const all = lifetimes(known);
  const sorted = all.map((l) => l.version);
  const alive = all.filter((l) => now < l.expiresAt).map((l) => l.version);
  if (alive.includes(requested)) return requested;
  const oldestAlive = alive[0] ?? sorted[sorted.length - 1]!;
  return requested < oldestAlive ? oldestAlive : requested;
}

export function resolveVersion(
  header: string | undefined,
  appVersion: string,
  known: readonly string[],
  now: number,
): VersionResult {
  const requested = header === undefined || header.trim() === '' ? appVersion : header.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(requested) || !known.includes(requested)) return { ok: false };
  return { ok: true, version: effectiveVersion(requested, known, now) };
}
