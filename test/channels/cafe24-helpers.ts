/** Shared fixtures for the Cafe24 channel specifications. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpResponse } from '../../src/core/http';
import type { Cafe24Session } from '../../src/channels/cafe24/requests';
import { cafe24Connection } from '../../src/channels/cafe24/connection';

export const najalran = cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' });
/** A reseller's mall, where the manufacturer's goods carry supplier code S000000A. */
export const borasaeg = cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', supplierCode: 'S000000A' });

export const session: Cafe24Session = { connection: najalran, accessToken: 'tok-najalran' };
export const resellerSession: Cafe24Session = { connection: borasaeg, accessToken: 'tok-borasaeg' };

export const ADMIN = 'https://najalran.cafe24api.com/api/v2/admin';

export const AUTH_HEADERS = {
  Authorization: 'Bearer tok-najalran',
  'Content-Type': 'application/json',
  'X-Cafe24-Api-Version': '2026-03-01',
};

export function fixtureText(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'cafe24', name), 'utf8');
}

export function ok(body: unknown, headers: Record<string, string> = {}, status = 200): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export function bodyOf(payload: string | undefined): unknown {
  return JSON.parse(payload ?? 'null');
}

/** Epoch ms of a Seoul wall time. */
export const kst = (text: string): number => Date.parse(`${text}+09:00`);
