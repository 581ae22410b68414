/**
 * Line breaking and pagination of a 简报, shared by the HTML preview (and the Chromium PDF made
 * from it) and the DOCX (as LibreOffice, Word and WPS lay it out). Pure.
 *
 * One layout: the preview prints every computed line as its own block, so its pages are exactly
 * the pages computed here. The DOCX cannot carry computed breaks inside body paragraphs (they
 * must stay editable), so instead the DOCX is made to break the way this module does:
 * - no hanging punctuation: ，。、 never pass the type area's right edge, a closing mark that
 *   does not fit takes the character before it to the next line (w:overflowPunct 0; LibreOffice
 *   reads that element inverted, see briefing-docx.ts lineBreakingDefaults);
 * - the East Asian line-breaking rules are explicit: w:kinsoku on, and the document's
 *   w:noLineBreaksBefore / w:noLineBreaksAfter lists are NO_START / NO_END below, the lists this
 *   module breaks with;
 * - the space LibreOffice (and Word, WPS by default) put between Chinese and Latin letters or
 *   digits is counted (autoSpace); no compression of punctuation (w:characterSpacingControl
 *   doNotCompress); a fixed tracking (-0.25 pt a character in the body) counted for every
 *   character;
 * - widths are the fonts' own advance widths: CJK characters and full-width punctuation 1 em,
 *   ASCII from FACE_ASCII below. That table was read from the font files the fontconfig mapping
 *   of pdf.ts resolves to (hmtx advance ÷ unitsPerEm, via fontTools, for U+0020–U+007E) —
 *   Noto Serif CJK SC Regular for 仿宋/宋体, Noto Serif CJK SC Bold for 小标宋, Noto Sans CJK SC
 *   for 黑体, AR PL UKai CN for 楷体 — the fonts both LibreOffice and Chromium use here;
 * - titles are centred and wrapped into balanced lines here (balanceText); the DOCX writes those
 *   lines with manual line breaks, so a title breaks the same everywhere and never leaves one
 *   character alone on its last line;
 * - pagination (paginate) follows Word's rules, which the DOCX turns on: a title keeps with its
 *   next paragraph and its own lines together (w:keepNext, w:keepLines), body paragraphs have
 *   widow/orphan control (w:widowControl), space before a paragraph is dropped at a page top; the
 *   版记 sits at the bottom of the last page after a gap of at least one body line, else on a
 *   page of its own (the DOCX puts it there with a spacer paragraph of the computed height).
 * Measured over 3–20-item issues of the demo texts (LibreOffice 7.4 PDF vs this layout), see the
 * rendered checker's agreement measure.
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

/** Characters that may not begin a line (避头), and may not end one (避尾): the DOCX's kinsoku lists. */
export const NO_START_CHARS = '!%),.:;?]}¢°·’”‰′″℃∶、。〃〆〉》」』】〕〗〞﹚﹜！＂％＇），．：；？］｝～…—';
export const NO_END_CHARS = '$([{£¥‘“〈《「『【〔〖〝﹙﹛＄（．［｛￡￥';
const NO_START = new Set([...NO_START_CHARS]);
const NO_END = new Set([...NO_END_CHARS]);
/** Characters that join into one unbreakable word (Latin words, numbers such as 15.3% or 1.2万). */
const WORD = /[A-Za-z0-9.,:%+\-_/@&#']/;
const WORD_START = /[A-Za-z0-9]/;

/** The fonts the mapped office fonts resolve to (pdf.ts): what the widths below were measured on. */
export type FontFace = 'serif' | 'serifBold' | 'sans' | 'kai';
export const SEGMENT_FACE: Record<SegmentFont, FontFace> = {
  body: 'serif',
  colophon: 'serif',
  title: 'serifBold',
  heading1: 'sans',
  heading2: 'kai',
};

/**
 * Advance widths of U+0020–U+007E in thousandths of an em, in code point order, read from the
 * font files' hmtx tables (see the comment at the top of this file).
 */
const FACE_ASCII: Record<FontFace, string> = {
  serif:
    '256,308,376,574,550,923,779,196,364,364,478,580,327,346,327,352,557,471,558,557,555,558,558,549,558,562,327,327,580,580,580,432,912,718,670,691,770,652,629,741,853,405,402,731,625,975,796,767,641,767,715,567,659,797,714,1053,700,687,605,344,352,344,580,563,435,557,638,538,629,546,388,566,663,332,311,607,334,974,661,596,638,607,462,473,367,653,548,838,564,552,498,374,316,374,580',
  serifBold:
    '250,355,447,615,589,966,803,235,400,400,485,603,335,370,335,400,593,466,594,593,593,594,594,588,594,596,335,335,603,603,603,473,970,746,708,702,789,666,648,757,864,426,428,767,642,1001,815,785,673,785,751,597,695,818,734,1091,726,701,627,372,400,372,603,593,447,585,672,565,658,572,402,596,687,349,335,651,355,1008,685,623,671,640,500,499,393,678,578,874,599,582,517,380,338,380,603',
  sans: '224,323,474,555,555,921,680,278,338,338,467,555,278,347,278,392,555,555,555,555,555,555,555,555,555,555,278,278,555,555,555,474,946,608,657,638,688,589,552,689,728,293,535,646,543,812,723,742,633,742,635,596,599,721,575,878,573,531,603,338,392,338,555,559,606,563,618,510,620,554,325,564,607,275,275,552,284,926,610,606,620,620,388,468,377,607,521,802,498,521,475,338,270,338,555',
  kai: '500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,499,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,508,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,500,499,500,500,500,500,500,500,500,500',
};
const ASCII_EM: Record<FontFace, number[]> = Object.fromEntries(
  Object.entries(FACE_ASCII).map(([face, list]) => [face, list.split(',').map((n) => Number(n) / 1000)]),
) as Record<FontFace, number[]>;
/** Proportional non-ASCII characters of the Noto faces (the rest of what a text holds is 1 em). */
const NOTO_OTHER: Record<string, number> = {
  // With a Chinese language tag the fonts' locl feature gives the full-width dash (measured 1 em).
  '—': 1,
  '·': 0.327,
  '°': 0.342,
  '€': 0.55,
  '£': 0.55,
  '¥': 0.55,
  '©': 0.821,
  '®': 0.501,
  '™': 0.795,
  '′': 0.261,
  '″': 0.44,
};

/** Latin letters and digits: a dash after them is set in the Latin glyph (no Chinese locl). */
const LATIN = /[A-Za-z0-9]/;

/**
 * Advance width of one character in em of the face. `afterLatin`: the character follows a Latin
 * letter or digit, so LibreOffice sets a weak character such as — in the Latin run's glyph (measured
 * 0.89 em in “1—11月”, 1 em after a Chinese character).
 */
export function advance(ch: string, face: FontFace = 'serif', afterLatin = false): number {
  if (afterLatin && ch === '—' && face !== 'kai')
    return face === 'serifBold' ? 0.928 : face === 'sans' ? 0.894 : 0.89;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x7f) return ASCII_EM[face][code - 0x20]!;
  if (code >= 0xff61 && code <= 0xffdc) return 0.5; // half-width forms
  if (face === 'kai') return code < 0x2000 ? 0.5 : 1;
  return NOTO_OTHER[ch] ?? 1;
}

/** Width of one character in em of the body font (Noto Serif CJK SC, for 仿宋_GB2312). */
export function charWidth(ch: string): number {
  return advance(ch);
}

/** How characters are measured: font size and tracking in pt; by default 1 em a unit, no tracking. */
export type BreakMetrics = { size: number; tracking?: number };

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const ALNUM = /[A-Za-z0-9]/;
/**
 * LibreOffice always puts space between Chinese characters and Latin letters or digits (it reads
 * no w:autoSpaceDE/DN; Word and WPS do the same by default): measured 0.2 em of the font size, plus
 * the tracking the boundary does not get (3.44 pt at 16 pt with -0.25 pt tracking, 4.43 pt at
 * 22 pt without). The layout counts it so lines break where LibreOffice breaks them.
 */
export function autoSpace(before: string, after: string, metrics?: BreakMetrics): number {
  if (!metrics) return 0;
  const a = before.at(-1) ?? '';
  const b = after[0] ?? '';
  const boundary = (HAN.test(a) && ALNUM.test(b)) || (ALNUM.test(a) && HAN.test(b));
  return (
    (boundary ? 0.2 - (metrics.tracking ?? 0) / metrics.size : 0) +
    (HAN.test(a) && ALNUM.test(b) ? LATIN_RUN_EXTRA : 0)
  );
}

/**
 * LibreOffice sets a run of Latin letters or digits that follows a Chinese character a little wider
 * than the sum of its advances (measured 0.015 em for 1.6% or 8.6% at 16 pt, LibreOffice 7.4 PDF bounding
 * boxes): counted once a run, so lines with figures near the right edge break where it breaks.
 */
const LATIN_RUN_EXTRA = 0.015;

/** Splits text into unbreakable units: one CJK character, or a run of Latin letters and digits. */
function units(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const prev = out.at(-1);
    const last = prev?.at(-1);
    // Inside a Latin word or number; a break is allowed after a hyphen and after a slash before a
    // letter (https:// | example.gov.cn, 0358- | 7221234), as LibreOffice (ICU) breaks them.
    const breakAfter = last === '-' ? ch !== '-' : last === '/' ? /[A-Za-z]/.test(ch) : false;
    if (prev !== undefined && WORD.test(ch) && WORD.test(last!) && WORD_START.test(prev[0]!) && !breakAfter)
      out[out.length - 1] = prev + ch;
    else out.push(ch);
  }
  return out;
}

/**
 * Breaks text into lines of at most `first` em (the first line) and `rest` em (the others),
 * keeping Chinese punctuation off the start and opening marks off the end of a line by pushing
 * the last character down, as typesetters (and Word and LibreOffice with kinsoku on) do. With
 * `metrics`, `first` and `rest` are em of `metrics.size` and each character counts its face's
 * advance plus the tracking; `faces` gives each character's face (default: the body face).
 */
export function breakText(
  text: string,
  first: number,
  rest: number,
  metrics?: BreakMetrics,
  faces?: FontFace[],
): string[] {
  const size = metrics?.size ?? 1;
  const tracking = (metrics?.tracking ?? 0) / size;
  let at = 0;
  let previous: string | undefined;
  const measured = units(text).map((u) => {
    const chars = [...u];
    const widths = chars.map((ch, k) => {
      if (!metrics) return charWidth(ch);
      const prev = k > 0 ? chars[k - 1] : previous;
      return advance(ch, faces?.[at + k] ?? 'serif', prev !== undefined && LATIN.test(prev)) + tracking;
    });
    previous = chars.at(-1);
    at += chars.length;
    return { text: u, widths, width: widths.reduce((a, b) => a + b, 0) };
  });
  // A word longer than a line (a URL, a long number) is broken anywhere rather than overflowing.
  const limit = Math.min(first, rest);
  const pieces = measured.flatMap((u) =>
    u.width > limit ? [...u.text].map((ch, k) => ({ text: ch, width: u.widths[k]! })) : [u],
  );
  const lines: string[] = [];
  let start = 0;
  while (start < pieces.length) {
    const capacity = lines.length === 0 ? first : rest;
    let used = 0;
    let end = start;
    while (end < pieces.length) {
      const p = pieces[end]!;
      const w = p.width + (end > start ? autoSpace(pieces[end - 1]!.text, p.text, metrics) : 0);
      // Spaces at a line's end may pass the edge (they are not drawn).
      if (used + w > capacity + 1e-9 && !(p.text === ' ' && end > start)) break;
      used += w;
      end++;
    }
    if (end < pieces.length && end > start) {
      // Back up to a place where a break is allowed (避头尾); keep at least one unit a line.
      let k = end;
      while (k > start + 1 && !breakAllowed(pieces[k - 1]!.text, pieces[k]!.text)) k--;
      if (breakAllowed(pieces[k - 1]!.text, pieces[k]!.text) || k > start + 1) end = k;
    }
    if (end === start) end = start + 1;
    lines.push(
      pieces
        .slice(start, end)
        .map((p) => p.text)
        .join(''),
    );
    start = end;
  }
  return lines.length > 0 ? lines : [''];
}

/** Closing marks after which LibreOffice does not break before a Latin letter or digit: （街道）274 stays. */
const CLOSE_BEFORE_LATIN = new Set([...'）】》」』〕〉”’']);

function breakAllowed(before: string, after: string): boolean {
  const last = before.at(-1)!;
  if (CLOSE_BEFORE_LATIN.has(last) && ALNUM.test(after[0]!)) return false;
  return !NO_START.has(after[0]!) && !NO_END.has(last);
}

/** Width of a text in em of `metrics.size` (1 em a CJK character without metrics). */
export function textWidth(text: string, metrics?: BreakMetrics, face: FontFace = 'serif'): number {
  const size = metrics?.size ?? 1;
  const tracking = (metrics?.tracking ?? 0) / size;
  const chars = [...text];
  return chars.reduce(
    (w, ch, k) =>
      w +
      (metrics
        ? advance(ch, face, k > 0 && LATIN.test(chars[k - 1]!)) +
          tracking +
          (k > 0 ? autoSpace(chars[k - 1]!, ch, metrics) : 0)
        : charWidth(ch)),
    0,
  );
}

/**
 * Breaks a title into as many lines as it needs at `width` em, as even as they can be: the
 * narrowest width that still gives that many lines, so the last line is never one or two
 * characters (…应 / 用). Centred titles carry these lines as manual breaks in the DOCX.
 */
export function balanceText(
  text: string,
  width: number,
  metrics?: BreakMetrics,
  face: FontFace = 'serif',
): string[] {
  const faces = [...text].map(() => face);
  const greedy = breakText(text, width, width, metrics, faces);
  if (greedy.length < 2) return greedy;
  let lo = textWidth(text, metrics, face) / greedy.length - 1e-6;
  let hi = width;
  let best = greedy;
  for (let k = 0; k < 30 && hi - lo > 1e-4; k++) {
    const mid = (lo + hi) / 2;
    const lines = breakText(text, mid, mid, metrics, faces);
    if (lines.length <= greedy.length) {
      best = lines;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/** Breaks a paragraph made of segments in different fonts, keeping each character's font. */
export function breakSegments(
  segments: Segment[],
  first: number,
  rest: number,
  metrics?: BreakMetrics,
): Line[] {
  const text = segments.map((s) => s.text).join('');
  const fonts: SegmentFont[] = segments.flatMap((s) => [...s.text].map(() => s.font));
  const lines = breakText(
    text,
    first,
    rest,
    metrics,
    fonts.map((f) => SEGMENT_FACE[f]),
  );
  return linesOf(lines, fonts);
}

/** The lines of a title, balanced (balanceText), as Line values of the title font. */
export function balanceTitle(title: string, width: number, metrics?: BreakMetrics): Line[] {
  const lines = balanceText(title, width, metrics, SEGMENT_FACE.title);
  return linesOf(
    lines,
    [...title].map(() => 'title'),
  );
}

function linesOf(lines: string[], fonts: SegmentFont[]): Line[] {
  let at = 0;
  return lines.map((line, i) => {
    const out: Segment[] = [];
    for (const ch of line) {
      const font = fonts[at++] ?? 'body';
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
 * Fills pages of the type-area height with rows, honouring keep-with-next chains (a chain longer
 * than a page is split where it must, as Word does), and reports the space left on the last page
 * so the colophon can sit at its bottom after at least `gap` pt of free space, or on a page of its
 * own. `spaceLeft` is the free height of the last page (all of it when the colophon has its own).
 */
export function paginate(
  rows: Row[],
  colophonHeight: number,
  gap = 0,
): { pages: Page[]; colophonOwnPage: boolean; spaceLeft: number } {
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
    let chain = rows.slice(i, j + 1);
    const page = pages.at(-1)!;
    const atTop = page.rows.length === 0;
    if (used + chainHeight(chain, atTop) > TYPE_AREA.height + 0.01) {
      if (!atTop) {
        pages.push({ rows: [], number: pages.length + 1 });
        used = 0;
        continue;
      }
      // A chain taller than a page: fill this page and carry on with the rest.
      let k = 1;
      while (k < chain.length && chainHeight(chain.slice(0, k + 1), true) <= TYPE_AREA.height + 0.01) k++;
      chain = chain.slice(0, k);
      j = i + k - 1;
    }
    page.rows.push(...chain);
    used += chainHeight(chain, atTop);
    i = j + 1;
  }
  const colophonOwnPage = used > 0 && used + gap + colophonHeight > TYPE_AREA.height + 0.01;
  if (colophonOwnPage) pages.push({ rows: [], number: pages.length + 1 });
  return { pages, colophonOwnPage, spaceLeft: TYPE_AREA.height - (colophonOwnPage ? 0 : used) };
}

/** Height of rows placed together; spacing before the first row is dropped at the top of a page. */
export function chainHeight(rows: Row[], atPageTop: boolean): number {
  return rows.reduce((h, r, k) => {
    if (r.kind === 'masthead') return h + r.height;
    const before = k === 0 && atPageTop ? 0 : r.before;
    return h + before + r.height + r.after;
  }, 0);
}
