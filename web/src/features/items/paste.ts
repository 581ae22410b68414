/**
 * Text pasted from Word or WPS arrives with styling, indentation made of full-width spaces and
 * blank lines between paragraphs. The body stores plain paragraphs separated by "\n", so a paste
 * keeps the paragraph breaks and drops everything else.
 */

/** Spaces a paragraph may start or end with: ASCII, tab, full-width (U+3000), no-break, zero-width. */
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g;

/** Plain text → paragraphs: one per line, trimmed (full-width indentation too), blank lines dropped. */
export function normalizeParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\v\f\u2028\u2029]/g, '\n')
    .split('\n')
    .map((line) => line.replace(EDGE_SPACE, '').replace(/[ \t]{2,}/g, ' '))
    .filter((line) => line.length > 0)
    .join('\n');
}

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'TR',
  'BLOCKQUOTE',
  'PRE',
  'SECTION',
  'ARTICLE',
  'TABLE',
]);
const SKIPPED_TAGS = new Set(['STYLE', 'SCRIPT', 'HEAD', 'TITLE', 'META', 'XML', 'O:P']);

/** HTML (as Word, WPS and browsers put on the clipboard) → plain text with a line per block. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      // Source line breaks inside HTML are layout, not paragraphs.
      out.push((node.textContent ?? '').replace(/\s*\n\s*/g, ''));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      out.push('\n');
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) out.push('\n');
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === 'TD' || tag === 'TH') out.push(' ');
    if (block) out.push('\n');
  };
  walk(doc.body);
  return out.join('');
}

/** What to insert for a paste event's clipboard: its plain text, or its HTML reduced to text. */
export function clipboardText(data: { getData(type: string): string }): string {
  const plain = data.getData('text/plain');
  if (plain.trim()) return normalizeParagraphs(plain);
  const html = data.getData('text/html');
  return html ? normalizeParagraphs(htmlToText(html)) : '';
}

/**
 * Puts pasted paragraphs into the body at the selection. A paste that holds several paragraphs
 * starts on a line of its own when the cursor sits inside a paragraph, so paragraphs never merge.
 */
export function insertPaste(
  value: string,
  selectionStart: number,
  selectionEnd: number,
  pasted: string,
): { value: string; cursor: number } {
  const before = value.slice(0, selectionStart);
  const after = value.slice(selectionEnd);
  const multi = pasted.includes('\n');
  const lead = multi && before.length > 0 && !before.endsWith('\n') ? '\n' : '';
  const tail = multi && after.length > 0 && !after.startsWith('\n') ? '\n' : '';
  const inserted = lead + pasted + tail;
  return { value: before + inserted + after, cursor: before.length + lead.length + pasted.length };
}

/** Where paragraph `n` (1-based) of a body starts and ends, for selecting it in the editor. */
export function paragraphRange(body: string, n: number): { start: number; end: number } | null {
  const lines = body.split('\n');
  if (n < 1 || n > lines.length) return null;
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
  return { start, end: start + lines[n - 1].length };
}
