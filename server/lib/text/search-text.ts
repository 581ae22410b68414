import { isContentToken, segment } from './segment.ts';

/**
 * Chinese full-text search without a server-side segmenter (docs/domain.md §8): PGlite has no
 * zhparser or pg_jieba, and pg_trgm cannot use an index for a two-character query. So the text is
 * cut here into
 *
 * - **character bigrams** of every run of ideographs (农家书屋 → 农家 家书 书屋; a lone character
 *   stands for itself), so any query of two or more characters matches wherever it occurs, and
 *   a query is a phrase of bigrams at their exact distances (`农家 <-> 家书 <-> 书屋`);
 * - **Latin letters and digits** as lower-case words (GDP, 2026, 5G);
 * - **jieba words** of three or more characters, with the registry and place names the segmenter
 *   was taught (太和桥办事处), appended after the text so that a whole-word hit ranks higher;
 *
 * and stored as a `tsvector` literal with positions and weights (title A, body D, earlier versions
 * C) under a GIN index. The query side uses the same cutting, so index and query always agree.
 */

/** A field of a record and its weight in ranking (A counts most). */
export type SearchField = { text: string | null | undefined; weight: 'A' | 'B' | 'C' | 'D' };

type Token = { lexeme: string; position: number };

/** PostgreSQL keeps positions up to 16383 and at most 256 per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;
/** Positions left between fields (and before the appended words) so no phrase spans two. */
const FIELD_GAP = 8;

const HAN = /\p{Script=Han}/u;
const TOKEN_RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/** Full-width letters and digits as ASCII, upper case as lower: ＧＤＰ２０２６ → gdp2026. */
const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * The bigram and word tokens of a text with positions from `start`: each token one position, any
 * run of separators (spaces, punctuation) one more, so `农家 书屋` is `农家 <2> 书屋`.
 */
function cut(text: string, start: number): { tokens: Token[]; next: number } {
  const tokens: Token[] = [];
  let position = start;
  let last = 0;
  for (const m of normalise(text).matchAll(TOKEN_RUN)) {
    if (m.index > last && tokens.length) position++;
    last = m.index + m[0].length;
    const chars = [...m[0]];
    if (m[1] && chars.length > 1) {
      for (let i = 0; i + 1 < chars.length; i++)
        tokens.push({ lexeme: chars[i]! + chars[i + 1]!, position: position++ });
    } else {
      tokens.push({ lexeme: m[0], position: position++ });
    }
  }
  return { tokens, next: position };
}

/** A record's text as a `tsvector` literal (cast with `::tsvector`); empty text gives ''. */
export function searchVector(fields: readonly SearchField[]): string {
  const positions = new Map<string, string[]>();
  const add = (lexeme: string, position: number, weight: string) => {
    const list = positions.get(lexeme) ?? [];
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
    positions.set(lexeme, list);
  };
  let next = 1;
  const words: { lexeme: string; weight: string }[] = [];
  for (const f of fields) {
    if (!f.text) continue;
    const cutted = cut(f.text, next);
    for (const t of cutted.tokens) add(t.lexeme, t.position, f.weight);
    next = cutted.next + FIELD_GAP;
    for (const w of segment(normalise(f.text))) {
      if ([...w].length >= 3 && HAN.test(w) && isContentToken(w)) words.push({ lexeme: w, weight: f.weight });
    }
  }
  for (const w of words) add(w.lexeme, next++, w.weight);
  return [...positions].map(([lexeme, at]) => `'${lexeme}':${at.join(',')}`).join(' ');
}

/** One part of a query: a phrase of tokens, to be found (or, with `-`, to be absent). */
export type QueryTerm = { text: string; exclude: boolean; tokens: Token[] };

/**
 * The terms of what a user typed: words separated by spaces, "quoted phrases" (also “…” and
 * 「…」) kept together, a leading minus to exclude. Text without any letter or digit is dropped.
 */
export function queryTerms(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const re = /(-?)(?:["“「]([^"”」]*)["”」]?|(\S+))/gu;
  for (const m of q.matchAll(re)) {
    const text = (m[2] ?? m[3] ?? '').trim();
    const tokens = cut(text, 1).tokens;
    if (tokens.length) terms.push({ text, exclude: m[1] === '-', tokens });
  }
  return terms.slice(0, 10);
}

/** One term as a tsquery phrase: tokens at their distances; a lone character as a prefix. */
function phrase(tokens: Token[]): string {
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only) {
    const single = [...only.lexeme].length === 1 && HAN.test(only.lexeme);
    return `'${only.lexeme}'${single || !HAN.test(only.lexeme) ? ':*' : ''}`;
  }
  let out = `'${tokens[0]!.lexeme}'`;
  for (let i = 1; i < tokens.length; i++) {
    out = `(${out} <${tokens[i]!.position - tokens[i - 1]!.position}> '${tokens[i]!.lexeme}')`;
  }
  return out;
}

/**
 * The `tsquery` text (cast with `::tsquery`) for the terms: every term must match, excluded ones
 * must not; null when nothing searchable was typed (or only exclusions).
 */
export function searchQuery(terms: readonly QueryTerm[]): string | null {
  const wanted = terms.filter((t) => !t.exclude);
  if (wanted.length === 0) return null;
  return terms.map((t) => (t.exclude ? `!${phrase(t.tokens)}` : phrase(t.tokens))).join(' & ');
}

/** A piece of a snippet: `hit` marks the text that matched a term. */
export type Highlight = { text: string; hit: boolean };

/**
 * The part of `text` around the first match of a term, at most `length` characters, with every
 * match marked (case and full-width insensitive, as the search). Without a match: the opening.
 */
export function highlight(text: string, terms: readonly QueryTerm[], length = 120): Highlight[] {
  const plain = text.replace(/\s+/g, ' ').trim();
  const folded = normalise(plain);
  // NFKC keeps the length of Chinese and of full-width letters, so offsets carry over.
  const same = folded.length === plain.length;
  const needles = terms
    .filter((t) => !t.exclude)
    .map((t) => normalise(t.text))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const hits: [number, number][] = [];
  if (same) {
    for (const n of needles) {
      for (let i = folded.indexOf(n); i !== -1; i = folded.indexOf(n, i + n.length)) {
        if (!hits.some(([s, e]) => i < e && i + n.length > s)) hits.push([i, i + n.length]);
      }
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const first = hits[0]?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - Math.floor(length / 4), plain.length - length));
  const to = Math.min(plain.length, from + length);
  const out: Highlight[] = [];
  let at = from;
  for (const [s, e] of hits) {
    if (e <= from || s >= to) continue;
    if (s > at) out.push({ text: plain.slice(at, s), hit: false });
    out.push({ text: plain.slice(Math.max(s, at), Math.min(e, to)), hit: true });
    at = Math.min(e, to);
  }
  if (at < to) out.push({ text: plain.slice(at, to), hit: false });
  if (from > 0) out.unshift({ text: '…', hit: false });
  if (to < plain.length) out.push({ text: '…', hit: false });
  return out;
}
