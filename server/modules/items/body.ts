/**
 * Text normalisation on save. Pure: the compose form uses the same rules for its preview and
 * counters. Text stays text: markup is kept literally and never interpreted.
 */

/**
 * Whitespace people paste from Word/WPS at the ends of a paragraph: ASCII and full-width spaces,
 * NBSP, tabs, and the invisible zero-width marks.
 */
const SPACE = String.raw`(?:\s|\u3000|\u00a0|\u200b|\u200c|\u200d|\u2060|\ufeff)`;
const EDGE_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');
/** Line breaks of every platform, plus the Unicode line/paragraph separators, vertical tab and form feed. */
const LINE_BREAK = /\r\n|\r|\v|\f|\u2028|\u2029|\u0085/g;

/**
 * Paragraphs one per line: line endings unified, each paragraph trimmed of its indentation
 * (two full-width spaces from Word, tabs, NBSP), empty paragraphs dropped.
 */
export function normaliseBody(text: string): string {
  return text
    .replace(LINE_BREAK, '\n')
    .split('\n')
    .map((p) => p.replace(EDGE_SPACE, ''))
    .filter((p) => p.length > 0)
    .join('\n');
}

/** A title is one line: breaks and tabs become single spaces, the ends are trimmed. */
export function normaliseTitle(text: string): string {
  return text
    .replace(LINE_BREAK, '\n')
    .replace(/[\n\t]+/g, ' ')
    .replace(EDGE_SPACE, '');
}

/** The longest title that is saved; a longer one is refused, never cut (the form counts as it goes). */
export const TITLE_MAX = 100;

/** The refusal of an over-long title, the same on the server and in the form. */
export const titleTooLong = (length: number): string =>
  `标题过长，不能超过 ${TITLE_MAX} 字（当前 ${length} 字），请精简后再保存`;

/** The paragraphs of a normalised body. */
export const paragraphsOf = (body: string): string[] => (body ? body.split('\n') : []);
