import { idf as idfFile } from '@node-rs/jieba/dict';
import { contentTokens, isCustomWord } from './segment.ts';

/** A text as weighted words, scaled to unit length so the cosine is a plain dot product. */
export type TermVector = ReadonlyMap<string, number>;

/** Title words count this many times: two items on one event share a title long before a body. */
export const TITLE_WEIGHT = 3;
/** Registry and place names occur in most items of a region; they say little about the subject. */
const REGION_IDF = 2;

let idfTable: { weights: Map<string, number>; unknown: number } | null = null;

/** Inverse document frequencies from jieba's general corpus, read once (~0.1 s). */
function idfWeights() {
  if (!idfTable) {
    const weights = new Map<string, number>();
    for (const line of Buffer.from(idfFile).toString('utf8').split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space > 0) weights.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    const sorted = [...weights.values()].sort((a, b) => a - b);
    // Words the corpus never saw (new names, jargon) are rare: weigh them like the median word.
    idfTable = { weights, unknown: sorted[Math.floor(sorted.length / 2)] ?? 10 };
  }
  return idfTable;
}

/** How much one word tells about the subject. */
export function idfOf(token: string): number {
  if (isCustomWord(token)) return REGION_IDF;
  const table = idfWeights();
  return table.weights.get(token) ?? table.unknown;
}

function weigh(counts: ReadonlyMap<string, number>): TermVector {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [t, n] of counts) {
    const w = (1 + Math.log(n)) * idfOf(t);
    vector.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of vector) vector.set(t, w / norm);
  return vector;
}

/** Both views of an item's text that near-duplicate detection compares. */
export type ItemVectors = {
  /** Body words plus title words counted TITLE_WEIGHT times. */
  full: TermVector;
  /** Body words alone: a copied body under a new title is still a duplicate. */
  body: TermVector;
};

/**
 * TF-IDF vectors of an item (sublinear term frequency, stop words and punctuation removed,
 * normalised to length 1). Segmenting is the costly part, so callers cache the result.
 */
export function itemVectors(title: string, body: string): ItemVectors {
  const counts = new Map<string, number>();
  for (const t of contentTokens(body)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const bodyVector = weigh(counts);
  for (const t of contentTokens(title)) counts.set(t, (counts.get(t) ?? 0) + TITLE_WEIGHT);
  return { full: weigh(counts), body: bodyVector };
}

/** Cosine similarity of two unit vectors, 0..1. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) dot += w * v;
  }
  return Math.min(1, dot);
}

/**
 * How alike two items are, 0..1: the title-weighted comparison, or the bodies alone when those
 * agree more (a rewritten title does not hide a copied text).
 */
export function itemSimilarity(a: ItemVectors, b: ItemVectors): number {
  return Math.max(cosine(a.full, b.full), cosine(a.body, b.body));
}

/** Similarity of two texts given directly (tests, one-off comparisons). */
export const textSimilarity = (a: { title: string; body: string }, b: { title: string; body: string }) =>
  itemSimilarity(itemVectors(a.title, a.body), itemVectors(b.title, b.body));
