/** Character classes and small helpers shared by the text rules. Pure. */

const CJK_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** A Chinese ideograph (CJK unified, extension A, compatibility). */
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK_RE.test(ch);

/** The nearest character before `index` that is not a space (ASCII, full-width or NBSP). */
export function prevVisible(text: string, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (!/[\s\u3000]/.test(text[i])) return text[i];
  return undefined;
}

/** The nearest character after `index` that is not a space. */
export function nextVisible(text: string, index: number): string | undefined {
  for (let i = index + 1; i < text.length; i++) if (!/[\s\u3000]/.test(text[i])) return text[i];
  return undefined;
}

/** A short quote around a match, so the writer can find it: up to `radius` characters each side. */
export function excerptAround(text: string, index: number, length: number, radius = 12): string {
  const start = Math.max(0, index - radius);
  const end = Math.min(text.length, index + length + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** Length in characters as people count them (code points, not UTF-16 units). */
export const charCount = (text: string): number => [...text].length;

/** Line breaks Word/WPS paste brings (\v is Word's manual break), split as the items module does. */
const LINE_BREAK = /\r\n|\r|\n|\v|\f|\u2028|\u2029|\u0085/;
/** Indentation and stray marks at a paragraph's ends: spaces, full-width spaces, NBSP, zero-width marks. */
const SPACE = String.raw`(?:\s|\u3000|\u00a0|\u200b|\u200c|\u200d|\u2060|\ufeff)`;
const EDGE_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

/**
 * Body paragraphs as the item stores them (one per line, trimmed, empty lines dropped), so a
 * finding's paragraph number is the one the editor shows.
 */
export function splitParagraphs(body: string): string[] {
  return body
    .split(LINE_BREAK)
    .map((p) => p.replace(EDGE_SPACE, ''))
    .filter((p) => p.length > 0);
}

/** Every match of a global pattern, with its position. */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(re)];
}
