/**
 * Korean particles after a word the code does not know in advance (a channel's name): 카페24가,
 * 쿠팡이, 스마트스토어가. The choice follows the word's last sound: a Hangul syllable with a final
 * consonant, or a digit read with one (0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔), takes 이; anything
 * else read without one takes 가. A word ending otherwise (Latin letters) gets both, as Korean
 * software writes it: 이(가).
 */

const DIGIT_HAS_FINAL: Readonly<Record<string, boolean>> = { '0': true, '1': true, '2': false, '3': true, '4': false, '5': false, '6': true, '7': true, '8': true, '9': false };

/** Whether the word ends in a final consonant (받침); null when its last sound cannot be told. */
function endsInConsonant(word: string): boolean | null {
  const last = word.trim().slice(-1);
  if (last === '') return null;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  return DIGIT_HAS_FINAL[last] ?? null;
}

/** The word with the particle of its kind chosen by its last sound ('이/가' → 쿠팡이, 카페24가). */
function withParticle(word: string, afterConsonant: string, afterVowel: string): string {
  const final = endsInConsonant(word);
  return `${word}${final === null ? `${afterConsonant}(${afterVowel})` : final ? afterConsonant : afterVowel}`;
}

/** The word as the subject of a sentence: 쿠팡이, 카페24가, Shopify이(가). */
export const subject = (word: string): string => withParticle(word, '이', '가');
/** The word as the object: 판매자 ID를, 시크릿 키를, 애플리케이션 시크릿을. */
export const object = (word: string): string => withParticle(word, '을', '를');
/** The word as the topic: 쿠팡은, 카페24는. */
export const topic = (word: string): string => withParticle(word, '은', '는');
