import { excerptAround, isCjk, matchesOf, nextVisible, prevVisible } from './chars.ts';
import { type Finding, finding, type Place, placeLabel } from './findings.ts';

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
  '"': '“”',
  '.': '。',
};

/** Closing marks after which a sentence-final ? or ! still counts as inside Chinese text. */
const CLOSERS = new Set(['”', '’', '）', '》', '】', '"', ')']);

const CJK_ANY = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * A pair of half-width parentheses is judged as one: Chinese inside it or right outside it means
 * both marks should be full-width, so (1)加强 and 办法(试行) are flagged whole, Smart City (SC) is not.
 */
function parenInChinese(text: string, i: number): boolean {
  const open = text[i] === '(' ? i : text.lastIndexOf('(', i);
  const close = text[i] === ')' ? i : text.indexOf(')', i);
  if (open < 0 || close < 0 || open > close) {
    return isCjk(prevVisible(text, i)) || isCjk(nextVisible(text, i));
  }
  return (
    CJK_ANY.test(text.slice(open + 1, close)) ||
    isCjk(prevVisible(text, open)) ||
    isCjk(nextVisible(text, close))
  );
}

/** Marks after which a half-width full stop ends a Chinese sentence (5.2%. 完成任务）.). */
const STOP_AFTER = new Set(['%', '％', '”', '’', '）', '》', '】', ')']);

/**
 * A half-width "." that ends a Chinese sentence: after an ideograph (会议召开.), or after a
 * number, percentage or closing mark at the end of the paragraph (增长5.2%.). Decimals (5.2),
 * web addresses and abbreviations (www.gov.cn, U.S.), ellipses (...) and the heading numbers
 * GB/T 9704 writes with a half-width point (1.加强领导) are left alone.
 */
function englishFullStop(text: string, i: number): boolean {
  const prev = prevVisible(text, i);
  const next = nextVisible(text, i);
  if (prev === '.' || next === '.') return false;
  const ends = next === undefined || isCjk(next) || CLOSERS.has(next);
  if (!ends) return false;
  if (isCjk(prev)) return true;
  if (prev !== undefined && STOP_AFTER.has(prev)) return true;
  // 增长5. at the end of a paragraph; 1.加强 is a heading number.
  return prev !== undefined && /[0-9]/.test(prev) && next === undefined && !/^\s*[0-9]+\.$/.test(text);
}

/** Whether the half-width mark at `i` sits inside Chinese text, where GB/T 15834 wants full width. */
function inChineseText(text: string, i: number): boolean {
  const ch = text[i];
  const prev = prevVisible(text, i);
  const next = nextVisible(text, i);
  switch (ch) {
    case ',':
    case ';':
    case ':':
      // Between ideographs (or ending a Chinese clause); 1:2, 8:30 and "A, B" are left alone.
      return isCjk(prev) && (isCjk(next) || next === undefined);
    case '?':
    case '!':
      return isCjk(prev) && (next === undefined || isCjk(next) || CLOSERS.has(next));
    case '(':
    case ')':
      return parenInChinese(text, i);
    case '"':
      return isCjk(prev) || isCjk(next);
    case '.':
      return englishFullStop(text, i);
    default:
      return false;
  }
}

/** Half-width , ; : ? ! ( ) " . inside Chinese text: one finding per paragraph listing the marks. */
export function halfWidthFindings(text: string, place: Place): Finding[] {
  const marks: string[] = [];
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    if (!(text[i] in FULL_WIDTH) || !inChineseText(text, i)) continue;
    if (first < 0) first = i;
    if (!marks.includes(text[i])) marks.push(text[i]);
  }
  if (first < 0) return [];
  const half = marks.map((m) => `“${m}”`).join('');
  const full = marks.map((m) => `“${FULL_WIDTH[m]}”`).join('');
  return [
    finding('halfwidth_punctuation', `${placeLabel(place)}中文中夹有半角标点${half}，应使用全角${full}`, {
      ...place,
      excerpt: excerptAround(text, first, 1),
    }),
  ];
}

const PAIRS: readonly { open: string; close: string; name: string }[] = [
  { open: '“', close: '”', name: '双引号“”' },
  { open: '‘', close: '’', name: '单引号‘’' },
  { open: '（', close: '）', name: '括号（）' },
  { open: '《', close: '》', name: '书名号《》' },
  { open: '【', close: '】', name: '方括号【】' },
];

/** Quotation marks and brackets that do not pair up within a paragraph (or the title). */
export function pairFindings(text: string, place: Place): Finding[] {
  const found: Finding[] = [];
  for (const pair of PAIRS) {
    let depth = 0;
    let at = -1;
    for (let i = 0; i < text.length && depth >= 0; i++) {
      if (text[i] === pair.open) {
        if (depth === 0) at = i;
        depth++;
      } else if (text[i] === pair.close) {
        depth--;
        if (depth < 0) at = i;
      }
    }
    if (depth === 0) continue;
    found.push(
      finding('unpaired_marks', `${placeLabel(place)}的${pair.name}不配对，请检查是否漏写或多写`, {
        ...place,
        excerpt: excerptAround(text, at, 1),
      }),
    );
  }
  return found;
}

/** Sentence marks that never stand twice in a row (，，、。，；：). ？！ combinations are allowed. */
const REPEATED = /[，、；：。]{2,}|！{2,}|？{2,}/g;

/** The same or clashing punctuation twice in a row (，，  。，): one finding per paragraph. */
export function repeatedMarkFindings(text: string, place: Place): Finding[] {
  const [first] = matchesOf(REPEATED, text);
  if (!first) return [];
  return [
    finding('repeated_punctuation', `${placeLabel(place)}的标点“${first[0]}”重复或连用，请只保留一个`, {
      ...place,
      excerpt: excerptAround(text, first.index, first[0].length),
    }),
  ];
}
