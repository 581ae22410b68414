/**
 * Line breaking and pagination of a 简报 for the HTML preview (and the Chromium PDF made from
 * it). Pure. The preview prints every line as its own block, so the pages the browser shows are
 * exactly the pages computed here: nothing is re-wrapped or pushed onto a page that is not drawn.
 * Widths are in em of the line's font size; CJK characters are 1 em, other characters are
 * counted generously so an estimated line never overflows the type area.
 */

/** A piece of a line in one font: body text, a heading sentence, the editor's note… */
export type Segment = { text: string; font: SegmentFont };
export type SegmentFont = 'body' | 'heading1' | 'heading2' | 'title' | 'colophon';
export type Line = { segments: Segment[]; last: boolean };

/** GB/T 9704 type area in points (156 × 225 mm). */
export const TYPE_AREA = { width: mm(156), height: mm(225) } as const;
/** Exact body line pitch: 22 lines in the type area. */
export const BODY_PITCH = 28.95;
export const TITLE_PITCH = 35;
export const COLOPHON_PITCH = 28;

export function mm(value: number): number {
  return (value * 72) / 25.4;
}

/** Characters that may not begin a line (避头) and may not end one (避尾). */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉”’…·%,.;:!?)]}—～']);
const NO_END = new Set([...'（《「『【〔〈“‘([{']);
const WORD = /[A-Za-z0-9.%+-]/;

/**
 * Width of one character in em, rounded up from what Chromium measures with the mapped fonts
 * (Noto Serif/Sans CJK: digits 0.55–0.59, lower case ≈ 0.56 with m/w ≈ 1, capitals ≈ 0.72 with
 * M/W ≈ 1.09), so an estimated line is never wider than the real one.
 */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return 0;
  if (code < 0x7f) {
    if (ch === ' ') return 0.35;
    if (/[MW]/.test(ch)) return 1.1;
    if (/[mw%@]/.test(ch)) return 1.02;
    if (/[A-Z&]/.test(ch)) return 0.78;
    if (/[.,:;!'"|]/.test(ch)) return 0.4;
    return 0.62;
  }
  if (code >= 0xff61 && code <= 0xffdc) return 0.62; // half-width forms
  return 1;
}

/** Splits text into unbreakable units: one CJK character, or a run of Latin letters and digits. */
function units(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const prev = out.at(-1);
    if (prev !== undefined && WORD.test(ch) && WORD.test(prev.at(-1)!)) out[out.length - 1] = prev + ch;
    else out.push(ch);
  }
  return out;
}

const widthOf = (s: string) => [...s].reduce((w, ch) => w + charWidth(ch), 0);

/**
 * Breaks text into lines of at most `first` em (the first line) and `rest` em (the others),
 * keeping Chinese punctuation off the start and opening marks off the end of a line by pushing
 * the last character down, as typesetters do.
 */
export function breakText(text: string, first: number, rest: number): string[] {
  const lines: string[][] = [[]];
  let used = 0;
  // A word longer than a line (a URL, a long number) is broken anywhere rather than overflowing.
  const limit = Math.min(first, rest);
  const pieces = units(text).flatMap((u) => (widthOf(u) > limit ? [...u] : [u]));
  for (const unit of pieces) {
    const capacity = lines.length === 1 ? first : rest;
    const w = widthOf(unit);
    const line = lines.at(-1)!;
    if (used + w <= capacity + 1e-9 || line.length === 0) {
      line.push(unit);
      used += w;
      continue;
    }
    const next: string[] = [];
    // 避头: a closing mark may not start the next line; 避尾: an opening mark may not end this one.
    while (line.length > 1 && (NO_START.has(unit[0]!) || NO_END.has(line.at(-1)!.at(-1)!))) {
      const moved = line.pop()!;
      next.unshift(moved);
      if (!NO_START.has(moved[0]!) && !NO_END.has(line.at(-1)!.at(-1)!)) break;
    }
    next.push(unit);
    lines.push(next);
    used = widthOf(next.join(''));
  }
  return lines.map((l) => l.join('')).filter((l, i) => l.length > 0 || i === 0);
}

/** Breaks a paragraph made of segments in different fonts, keeping each character's font. */
export function breakSegments(segments: Segment[], first: number, rest: number): Line[] {
  const text = segments.map((s) => s.text).join('');
  const fonts: SegmentFont[] = segments.flatMap((s) => [...s.text].map(() => s.font));
  const lines = breakText(text, first, rest);
  let at = 0;
  return lines.map((line, i) => {
    const chars = [...line];
    const out: Segment[] = [];
    for (const ch of chars) {
      const font = fonts[at++]!;
      const prev = out.at(-1);
      if (prev && prev.font === font) prev.text += ch;
      else out.push({ text: ch, font });
    }
    return { segments: out, last: i === lines.length - 1 };
  });
}

/** One row of the page flow: a line (or a fixed box like the masthead) with its height in pt. */
export type Row =
  | { kind: 'masthead'; height: number }
  | {
      kind: 'line';
      role: 'title' | 'body' | 'note';
      line: Line;
      /** Indent of the first line in em. */
      indent: number;
      height: number;
      /** Space above the row when it does not start a page (pt). */
      before: number;
      after: number;
      /** The row must stay on the same page as the next one (titles, widow/orphan control). */
      keepWithNext: boolean;
    };

export type Page = { rows: Row[]; number: number };

/**
 * Fills pages of the type-area height with rows, honouring keep-with-next chains, and reports
 * the space left on the last page so the colophon can sit at its bottom (or on a page of its own).
 */
export function paginate(rows: Row[], colophonHeight: number): { pages: Page[]; colophonOwnPage: boolean } {
  const pages: Page[] = [{ rows: [], number: 1 }];
  let used = 0;
  let i = 0;
  while (i < rows.length) {
    // The chain of rows that must go together.
    let j = i;
    while (
      j < rows.length - 1 &&
      rows[j]!.kind === 'line' &&
      (rows[j] as { keepWithNext: boolean }).keepWithNext
    )
      j++;
    const chain = rows.slice(i, j + 1);
    const page = pages.at(-1)!;
    const height = chainHeight(chain, page.rows.length === 0);
    if (used + height > TYPE_AREA.height + 0.01 && page.rows.length > 0) {
      pages.push({ rows: [], number: pages.length + 1 });
      used = 0;
      continue;
    }
    page.rows.push(...chain);
    used += height;
    i = j + 1;
  }
  const colophonOwnPage = used + colophonHeight > TYPE_AREA.height + 0.01;
  if (colophonOwnPage) pages.push({ rows: [], number: pages.length + 1 });
  return { pages, colophonOwnPage };
}

/** Height of rows placed together; spacing before the first row is dropped at the top of a page. */
export function chainHeight(rows: Row[], atPageTop: boolean): number {
  return rows.reduce((h, r, k) => {
    if (r.kind === 'masthead') return h + r.height;
    const before = k === 0 && atPageTop ? 0 : r.before;
    return h + before + r.height + r.after;
  }, 0);
}
