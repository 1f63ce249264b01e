// Deterministic synthetic text for benches: a vocabulary whose word frequencies follow Zipf's law (as in
// real text, a few words are everywhere and most are rare), so searches of different selectivity exist.

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same tickets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUPPORT_WORDS = ['printer', 'invoice', 'password', 'login', 'error', 'account', 'refund', 'delivery', 'screen', 'update'];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'nu',
  'pe',
  'ra',
  'si',
  'to',
  'vu',
  'xe',
  'za',
  'bri',
  'dro',
  'fle',
  'gru',
  'han',
  'jok',
  'mel',
  'nor',
  'qui',
  'sta',
  'tor',
  'wen',
  'yal',
];

export interface Vocabulary {
  /** By rank: words[0] is the most frequent. */
  words: string[];
  sentence(length: number): string;
}

export function makeVocabulary(size: number, random: () => number): Vocabulary {
  const words = new Set(SUPPORT_WORDS);
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }
  const list = [...words];
  // Cumulative Zipf weights (s = 1): P(rank r) ∝ 1 / r.
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  for (let r = 0; r < list.length; r++) cumulative[r] = sum += 1 / (r + 1);
  const pick = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
  return { words: list, sentence: (length) => Array.from({ length }, pick).join(' ') };
}
