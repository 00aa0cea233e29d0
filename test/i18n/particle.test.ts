import { subject } from '../../src/i18n/particle';

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
