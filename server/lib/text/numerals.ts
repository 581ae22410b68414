/** Chinese numerals → numbers, for the GB/T 15835 rules' suggestions. Pure. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/**
 * A counted Chinese numeral (十五、一百零五、三千五百、两万三千) as a number, or null when the
 * text is not one. Digit-by-digit forms such as 二〇二五 are read by `chineseDigits` instead.
 */
export function parseChineseInteger(text: string): number | null {
  if (!text) return null;
  let yi = 0;
  let wan = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      // Two digits in a row only after 零 (一百零五); otherwise it is a digit-by-digit numeral.
      if (digit !== null && digit !== 0) return null;
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[ch];
      digit = null;
    } else if (ch in BIG_UNITS) {
      const below = section + (digit ?? 0) + (ch === '亿' ? wan : 0);
      if (below === 0) return null;
      if (ch === '亿') {
        yi = below * BIG_UNITS[ch];
        wan = 0;
      } else {
        wan = below * BIG_UNITS[ch];
      }
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return yi + wan + section + (digit ?? 0);
}

/** A digit-by-digit Chinese numeral (二〇二五) as Arabic digits ("2025"), or null. */
export function chineseDigits(text: string): string | null {
  let out = '';
  for (const ch of text) {
    if (!(ch in DIGITS) || ch === '两') return null;
    out += String(DIGITS[ch]);
  }
  return out || null;
}

/** Full-width digits and point (２０２５．５) as half-width. */
export const halfWidthDigits = (text: string): string =>
  text.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** A number written either way (3, 十二, 三十一), as used in dates. */
export function numberOf(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number(text);
  return parseChineseInteger(text);
}
