/**
 * Korean won as integers. Channels print money as decimal strings ("29000.00"); the won has no
 * minor unit in practice, so a non-zero fraction means something is wrong (another currency, a
 * mis-set shop) and is refused rather than rounded. Parsed from the digits, never via a float.
 */

/** Whole won. */
export type Krw = number;

export class KrwError extends Error {
  override readonly name = 'KrwError';
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "29000.00" → 29000; "29000" → 29000; "-500.00" → -500; "29000.50" and "1e3" throw. */
export function parseKrw(text: string): Krw {
  const m = DECIMAL.exec(text);
  if (!m) throw new KrwError(`not a KRW amount: ${JSON.stringify(text)} (금액 형식이 아닙니다)`);
  if (m[3] !== undefined && /[^0]/.test(m[3])) {
    throw new KrwError(`not a whole KRW amount: ${JSON.stringify(text)} (원 단위 미만 금액은 처리할 수 없습니다)`);
  }
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n)) throw new KrwError(`KRW amount out of range: ${JSON.stringify(text)} (금액이 너무 큽니다)`);
  return m[1] === '-' && n !== 0 ? -n : n;
}

export function isKrw(value: number): value is Krw {
  return Number.isSafeInteger(value);
}

/** Throws unless the value is whole won (for amounts we send). */
export function assertKrw(value: number, what: string): Krw {
  if (!isKrw(value)) throw new KrwError(`${what} must be whole won, got ${value} (${what}: 원 단위 정수여야 합니다)`);
  return value;
}
