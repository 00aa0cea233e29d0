/**
 * The hand-written recognizers that read a fetch minute's common answers without building their
 * schemas (zod-helpers.ts `Recognizer`) must answer exactly as the schema would: for every input
 * they accept the schema accepts it too, with the same output, and every other input is left to
 * the schema. Checked over the common inputs and over many damaged ones made from them (each
 * field removed, retyped, nested values broken, keys added, a `__proto__` key). `z.safeParse(S, v)`
 * is the schema alone (it never reads `S.safeParse`, which asks the recognizer first).
 */
import { holdsToSchema, inputs } from '../recognizer-check';
import { OrdersList } from '../../src/channels/cafe24/schemas';
import { LastChanged } from '../../src/channels/naver/schemas';
import { OrdersheetList } from '../../src/channels/coupang/schemas';
import { RelaySettingsSchema } from '../../src/channels/relay';

test("Cafe24's page of orders: an empty page read by hand is what the schema reads", () => {
  const counts = holdsToSchema(OrdersList, inputs([{ orders: [] }, { more: 'x', orders: [] }]));
  expect(counts).toEqual({ recognized: expect.any(Number), refused: expect.any(Number) });
  expect(Math.min(counts.recognized, counts.refused)).toBeGreaterThan(5);
});

test("Naver's last-changed statuses: nothing changed, read by hand, is what the schema reads", () => {
  const counts = holdsToSchema(
    LastChanged,
    inputs([
      { timestamp: '2026-11-23T09:00:00.000+09:00', traceId: 'abc', data: { count: 0, lastChangeStatuses: [] } },
      { data: { lastChangeStatuses: [], more: null } },
      { extra: 1, data: { more: null, lastChangeStatuses: [], count: 0, other: 'x' }, traceId: 't' },
    ]),
  );
  expect(counts).toEqual({ recognized: expect.any(Number), refused: expect.any(Number) });
  expect(Math.min(counts.recognized, counts.refused)).toBeGreaterThan(5);
});

test("Coupang's ordersheets: an empty page read by hand is what the schema reads", () => {
  const counts = holdsToSchema(OrdersheetList, inputs([{ code: 200, message: 'OK', data: [], nextToken: '' }, { data: [], nextToken: null }, { data: [] }]));
  expect(counts).toEqual({ recognized: expect.any(Number), refused: expect.any(Number) });
  expect(Math.min(counts.recognized, counts.refused)).toBeGreaterThan(5);
});

test("the relay's settings: right ones read by hand are what the schema reads, and every wrong one gets the schema's message", () => {
  const secret = 'a'.repeat(32);
  const urls = [
    'https://marketplace-relay-123456789012.asia-northeast3.run.app',
    'https://relay.example.com/',
    'https://relay.example.com///',
    ' https://relay.example.com:8443/base/path/ ',
    '\thttps://relay.example.com\n',
    'https://127.0.0.1:65535',
    'https://relay.example.com:123456',
    'http://relay.example.com',
    'https://relay.example.com?x=1',
    'https://relay.example.com/#a',
    'https://relay.example.com/a b',
    'https://릴레이.example.com',
    'https://',
    'https:///path',
    'HTTPS://relay.example.com',
    'https://relay.example.com/~user/a_b.c-d',
    'https://relay.example.com/%2e',
    '\u00a0https://relay.example.com\u3000',
    '',
    ' ',
  ];
  const secrets = ['', 'a'.repeat(31), secret, 'a'.repeat(33), ` ${'a'.repeat(31)}`, '한'.repeat(32), '😀'.repeat(16), '😀'.repeat(32), 'a'.repeat(31) + '\ud800', '\udc00'.repeat(32)];
  const all: unknown[] = [];
  for (const url of urls) for (const s of secrets) all.push({ url, secret: s });
  all.push({ url: urls[0], secret, extra: 1 }, { url: 1, secret }, { url: urls[0], secret: null }, { url: urls[0] }, null, 'x', []);
  const counts = holdsToSchema(RelaySettingsSchema, all);
  expect(counts.recognized).toBeGreaterThan(20);
  expect(counts.refused).toBeGreaterThan(20);
});
