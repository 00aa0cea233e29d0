import { object, subject, topic } from '../../src/core/particle';

test.each([
  ['쿠팡', '쿠팡이'],
  ['카페24', '카페24가'],
  ['스마트스토어', '스마트스토어가'],
  ['네이버', '네이버가'],
  ['11번가', '11번가가'],
  ['몰 3', '몰 3이'],
  ['Shopify', 'Shopify이(가)'],
])('%s as a subject is %s', (word, expected) => {
  expect(subject(word)).toBe(expected);
});

test('the object and topic particles follow the same sound', () => {
  expect([object('시크릿 키'), object('애플리케이션 시크릿'), object('Access key')]).toEqual(['시크릿 키를', '애플리케이션 시크릿을', 'Access key을(를)']);
  expect([topic('쿠팡'), topic('카페24')]).toEqual(['쿠팡은', '카페24는']);
});
