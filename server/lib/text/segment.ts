import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { STOP_WORDS } from './stopwords.ts';

/**
 * Place names of the region the product serves first, so 汾阳、杏花村 stay whole even before the
 * unit registry is loaded. Offices add their registry names with `addWords`.
 */
export const PLACE_NAMES: readonly string[] = [
  '山西',
  '山西省',
  '吕梁',
  '吕梁市',
  '汾阳',
  '汾阳市',
  '杏花村',
  '杏花村镇',
  '孝义',
  '孝义市',
  '离石',
  '离石区',
  '交城',
  '交城县',
  '文水',
  '文水县',
  '汾州',
  '太和桥',
  '贾家庄',
  '汾酒',
];

/** High enough that a registry name beats the general dictionary's split of it. */
const CUSTOM_FREQUENCY = 100_000;

let instance: Jieba | null = null;
const customWords = new Set<string>();

/** The one segmenter of the process; loading the dictionary takes ~0.2 s, so it happens on first use. */
function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    load(PLACE_NAMES);
  }
  return instance;
}

function load(words: Iterable<string>): number {
  const fresh = [...new Set([...words].map((w) => w.trim()))].filter(
    (w) => [...w].length >= 2 && !/\s/.test(w) && !customWords.has(w),
  );
  if (fresh.length === 0) return 0;
  for (const w of fresh) customWords.add(w);
  jieba().loadDict(Buffer.from(`${fresh.map((w) => `${w} ${CUSTOM_FREQUENCY} nt`).join('\n')}\n`));
  return fresh.length;
}

/**
 * Teaches the segmenter names it must keep whole (units, places). Idempotent; returns how many
 * words were new. Words with spaces cannot be dictionary entries and are skipped.
 */
export function addWords(words: Iterable<string>): number {
  jieba();
  return load(words);
}

/** Whether a token is a registry or place name (common in every item of a region, so weighed low). */
export const isCustomWord = (token: string): boolean => customWords.has(token);

/** Chinese word segmentation with jieba (HMM on, so unknown names form words). */
export function segment(text: string): string[] {
  return text ? jieba().cut(text, true) : [];
}

/**
 * Whether a token carries subject matter: two or more characters, containing a letter or an
 * ideograph (numbers and punctuation excluded), and not a stop word.
 */
export function isContentToken(token: string): boolean {
  return [...token].length >= 2 && /\p{L}/u.test(token) && !STOP_WORDS.has(token);
}

/** The subject-matter words of a text, in order, for similarity and keywords. */
export function contentTokens(text: string): string[] {
  return segment(text).filter(isContentToken);
}
