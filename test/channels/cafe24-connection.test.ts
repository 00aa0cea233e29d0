/** Cafe24 connection: mall ids, the pinned version, scopes, hosts. */
import { ADMIN_CALL_SCOPES } from '../../src/channels/cafe24/calls';
import {
  adminBaseUrl,
  CAFE24_API_VERSION,
  CAFE24_SCOPES,
  cafe24Connection,
  checkMallId,
  mallIdOf,
  oauthBaseUrl,
} from '../../src/channels/cafe24/connection';

describe('mall id', () => {
  test.each(['najalran', 'borasaeg', 'undercoco', 'shop2024', 'abcd', 'a23456789012345p'])('%s is a mall id', (id) => {
    expect(checkMallId(id)).toEqual({ ok: true, mallId: id });
  });

  test('a pasted shop or API address is reduced to its mall id, case folded', () => {
    expect(mallIdOf('https://najalran.cafe24.com/')).toBe('najalran');
    expect(mallIdOf('najalran.cafe24api.com')).toBe('najalran');
    expect(mallIdOf('  NajAlran ')).toBe('najalran');
    expect(mallIdOf('http://borasaeg.cafe24.com/product/list.html?cate_no=24')).toBe('borasaeg');
  });

  test.each(['', 'abc', '1shop', 'my-shop', 'my_shop', 'a234567890123456q', '나잘란', 'najalran.com', 'https://example.com'])(
    '%j is refused with a Korean and English explanation',
    (id) => {
      const r = checkMallId(id);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toContain('카페24 몰 아이디는 영문 소문자로 시작하는 4~16자');
        expect(r.message).toContain('A Cafe24 mall id is 4-16 lowercase letters or digits');
      }
    },
  );
});

describe('connection', () => {
  test('defaults: shop 1, the pinned API version, no supplier filter; the mall id is the channel account', () => {
    expect(cafe24Connection({ partnerId: 'PNR001', mallId: 'najalran' })).toEqual({
      channel: 'cafe24',
      accountId: 'najalran',
      partnerId: 'PNR001',
      mallId: 'najalran',
      shopNo: 1,
      apiVersion: '2026-03-01',
    });
    expect(CAFE24_API_VERSION).toBe('2026-03-01');
  });

  test('a reseller connection keeps its supplier code', () => {
    expect(cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', supplierCode: 'S000000A' }).supplierCode).toBe('S000000A');
  });

  test('refuses what Cafe24 would refuse later', () => {
    expect(() => cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', supplierCode: 'A000000S' })).toThrow('S000000A');
    expect(() => cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', shopNo: 16 })).toThrow('shop_no must be 1-15');
    expect(() => cafe24Connection({ partnerId: 'PNR002', mallId: 'borasaeg', apiVersion: 'latest' })).toThrow('YYYY-MM-DD');
    expect(() => cafe24Connection({ partnerId: ' ', mallId: 'borasaeg' })).toThrow('partner id');
    expect(() => cafe24Connection({ partnerId: 'PNR002', mallId: 'bo' })).toThrow('Invalid mall id');
  });
});

test('hosts: Admin API under /api/v2/admin, OAuth under /api/v2/oauth', () => {
  const id = mallIdOf('najalran');
  expect(adminBaseUrl(id)).toBe('https://najalran.cafe24api.com/api/v2/admin');
  expect(oauthBaseUrl(id)).toBe('https://najalran.cafe24api.com/api/v2/oauth');
});

test('the scopes asked for are exactly those the calls need (no store, no write_supply)', () => {
  const needed = new Set(Object.values(ADMIN_CALL_SCOPES));
  expect(new Set(CAFE24_SCOPES)).toEqual(needed);
  expect(CAFE24_SCOPES).toEqual([
    'mall.read_product',
    'mall.write_product',
    'mall.read_order',
    'mall.write_order',
    'mall.read_shipping',
    'mall.read_supply',
    'mall.read_community',
    'mall.write_community',
  ]);
});
