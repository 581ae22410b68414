import { AppError } from './errors.ts';

/**
 * Characters that XML 1.0 cannot carry and that no person types on purpose: the C0 controls other
 * than tab, line feed and carriage return, the non-characters U+FFFE and U+FFFF, and lone UTF-16
 * surrogates. In a DOCX or XLSX they make the file unreadable; a NUL also makes PostgreSQL refuse
 * the whole statement. So the API refuses them on input and the document writers drop them on
 * output (for data stored before the check existed).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'gu');

/** The first forbidden character of a text, as its code point, or null when the text is clean. */
export function forbiddenCharIn(text: string): number | null {
  const match = FORBIDDEN.exec(text);
  return match ? (match[0].codePointAt(0) ?? 0) : null;
}

/** The text with every forbidden character removed: for writing stored data into XML. */
export function stripForbiddenChars(text: string): string {
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN_ALL, '') : text;
}

/** `U+0000` style, four hex digits at least. */
export function codePointLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The 400 every refused input gets, naming the character so the user can find it. */
export function forbiddenCharError(code: number, path?: string): AppError {
  const what = code < 0x20 ? '不可见的控制字符' : '无效字符';
  return new AppError(
    400,
    'INVALID_CHARACTER',
    `输入中含有${what}（${codePointLabel(code)}），请删除后重试`,
    path ? [{ path, message: codePointLabel(code) }] : undefined,
  );
}

/**
 * Looks through a parsed JSON body, query string or route params — keys and string values, at
 * any depth — and throws the 400 on the first forbidden character. `where` names the part of
 * the request, e.g. `body`, for the error's details.
 */
export function assertNoForbiddenChars(value: unknown, where: string): void {
  const found = findForbidden(value, where, 0);
  if (found) throw forbiddenCharError(found.code, found.path);
}

const MAX_DEPTH = 64;
const WORD_BREAK = /[\v\f]/g;
const HAS_WORD_BREAK = /[\v\f]/;

/**
 * A copy with Word's manual line break (U+000B) and page break (U+000C) turned into line feeds,
 * in string values at any depth. They arrive with text pasted from Word/WPS and mean a new line
 * (the items module splits paragraphs on them), so the boundary keeps their meaning instead of
 * refusing them; every other control character is refused.
 */
export function normaliseWordBreaks<T>(value: T, depth = 0): T {
  if (typeof value === 'string')
    return (HAS_WORD_BREAK.test(value) ? value.replace(WORD_BREAK, '\n') : value) as T;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value))
    return value;
  if (Array.isArray(value)) return value.map((v) => normaliseWordBreaks(v, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, normaliseWordBreaks(v, depth + 1)]),
  ) as T;
}

function findForbidden(value: unknown, path: string, depth: number): { code: number; path: string } | null {
  if (typeof value === 'string') {
    const code = forbiddenCharIn(value);
    return code === null ? null : { code, path };
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbidden(value[i], `${path}/${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    const keyCode = forbiddenCharIn(key);
    if (keyCode !== null) return { code: keyCode, path };
    const found = findForbidden(inner, `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A copy of a value with the forbidden characters stripped from every string in it (arrays and
 * plain objects are walked; dates and other objects are kept as they are). The document writers
 * run their input through this, so stored text can never make their XML unreadable.
 */
export function stripForbiddenDeep<T>(value: T): T {
  if (typeof value === 'string') return stripForbiddenChars(value) as T;
  if (Array.isArray(value)) return value.map((v) => stripForbiddenDeep(v)) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripForbiddenDeep(v)])) as T;
}
