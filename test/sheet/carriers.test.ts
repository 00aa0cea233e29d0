/**
 * The carriers tab: the day-one three unless the tab says otherwise, more by configuration, a bad
 * row reported without losing a day-one carrier.
 */
import { CJ, DAY_ONE_CARRIERS } from '../../src/core/carriers';
import { mallCarrierFor } from '../../src/channels/cafe24/shipping';
import { readCarrierRules } from '../../src/sheet/carriers';

const HEADER = ['키', '택배사명', '영문명', '다른 이름', '송장 자릿수', '카페24 코드', '스마트스토어 코드', '쿠팡 코드', '처리결과'];

test('no tab, or an empty one: the day-one carriers', () => {
  expect(readCarrierRules(null).rules).toEqual(DAY_ONE_CARRIERS);
  expect(readCarrierRules([HEADER]).rules).toEqual(DAY_ONE_CARRIERS);
});

test('a row adds a carrier; a day-one key replaces that carrier', () => {
  const { rules, problems } = readCarrierRules([
    HEADER,
    ['hanjin', '한진택배', 'Hanjin', '한진', '10,12', '0018', 'HANJIN', 'HANJIN', ''],
    ['lotte', '롯데택배', 'Lotte', '롯데, 현대택배', '12-13', '0079', 'HYUNDAI', 'HYUNDAI', ''],
  ]);
  expect(problems.size).toBe(0);
  expect(rules.map((r) => [r.key, r.trackingLengths])).toEqual([
    ['hanjin', [10, 12]],
    ['lotte', [12, 13]],
    ['epost', [13]],
    ['cj', [10, 12]],
  ]);
});

test('a bad row is reported and a day-one carrier it meant to change stays as built in', () => {
  const { rules, problems } = readCarrierRules([HEADER, ['cj', 'CJ대한통운', '', '', 'ten', '0006', '', '', ''], ['x y', '이상한', '', '', '12', '', '', '', '']]);
  expect(problems.get('cj')).toMatch(/자릿수 "ten"를 읽을 수 없습니다/);
  expect(problems.get('x y')).toMatch(/영문 소문자로 시작/);
  expect(rules.find((r) => r.key === 'cj')).toEqual(CJ);
});

test('the mall\'s own code is used: by the rule\'s Cafe24 code, else by a name the rule knows', () => {
  expect(mallCarrierFor(CJ, [{ code: '0006', name: 'CJ 택배(우리몰)' }])).toEqual({ code: '0006', name: 'CJ 택배(우리몰)' });
  expect(mallCarrierFor(CJ, [{ code: '0019', name: '대한통운' }])).toEqual({ code: '0019', name: '대한통운' });
  expect(mallCarrierFor(CJ, [{ code: '0012', name: '우체국택배' }])).toBeNull();
});
