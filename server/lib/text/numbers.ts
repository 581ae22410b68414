import { excerptAround, matchesOf } from './chars.ts';
import { type Finding, finding, type Place, placeLabel } from './findings.ts';
import { chineseDigits, halfWidthDigits, numberOf, parseChineseInteger } from './numerals.ts';

/*
 * GB/T 15835-2011 basics for administrative writing: calendar years, dates, statistics, amounts
 * and percentages in Arabic numerals; half-width digits; 日 rather than colloquial 号.
 */

const CN_DIGIT = '〇零○一二三四五六七八九';
const CN_COUNT = '一二三四五六七八九十';
const CN_NUMBER = '零〇一二三四五六七八九十百千万亿两';

/** A date with month and day, optionally a year, in any mix of Arabic and Chinese numerals. */
const DATE = new RegExp(
  `(?:([0-9]{4}|[${CN_DIGIT}]{4})年)?([0-9]{1,2}|[${CN_COUNT}]{1,3})月([0-9]{1,2}|[${CN_COUNT}]{1,3})([日号])`,
  'g',
);
/** A year on its own written digit by digit in Chinese (二〇二五年). */
const CN_YEAR = new RegExp(`[${CN_DIGIT}]{4}年`, 'g');
const FULL_WIDTH_DIGITS = /[０-９]+(?:[．.][０-９]+)?/g;
/** The unit after a decimal that marks it as a measured quantity (亿元、倍、个百分点…). */
const UNIT = '(?:[万亿]?(?:元|亩|吨|人次|人|户|公里|公斤|千克|平方米|立方米|米)|[万亿]|倍|个百分点|%|％)';
/** 三点五亿元, 一点五倍, 二点三个百分点 — decimals with a unit belong in Arabic numerals. */
const CN_DECIMAL = new RegExp(`(?<![${CN_NUMBER}])([${CN_NUMBER}]+)点([${CN_DIGIT}]+)(?=(${UNIT}))`, 'g');
const CN_PERCENT = new RegExp(`百分之[${CN_NUMBER}点]+`, 'g');
/** Exact amounts of money (三千五百万元); approximations (三十多万元、几万元) are not matched. */
const CN_AMOUNT = new RegExp(
  `(?<![${CN_NUMBER}几数])[一二三四五六七八九两][${CN_NUMBER}]*[十百千万亿][${CN_NUMBER}]*(?=元)`,
  'g',
);

/** Measure words after a counted quantity (一百二十三户, 三千五百人次): statistics in Arabic numerals. */
const MEASURE =
  '(?:人次|平方米|立方米|公里|公斤|千克|户|人|名|个|家|项|所|处|次|座|台|辆|件|条|亩|吨|套|间|栋|头|只|株|棵|批|场|篇|份|张|位|支)';
/** Exact counts with a magnitude (一百二十三户); approximations (一百多户, 数百人) and ordinals (第…) are not matched. */
const CN_COUNTED = new RegExp(
  `(?<![${CN_NUMBER}几数第])[一二三四五六七八九两][${CN_NUMBER}]*[十百千万亿][${CN_NUMBER}]*(?=(${MEASURE}))`,
  'g',
);
/** Counts below this are tolerated in words (二十五个乡镇 reads as prose). */
const COUNTED_MIN = 100;
/**
 * A range of numbers joined by a hyphen (1-11月, 3-5天, 2021-2025年, 5%-8%): GB/T 15834 joins
 * ranges with 一字线 — or 浪纹线 ～. Only when a Chinese unit or % follows, so phone numbers
 * (0358-7221234), ISO dates (2025-03-05), times (8:30-9:30) and standard numbers
 * (GB/T 15835-2011) are left alone.
 */
const RANGE =
  /(?<![A-Za-z0-9.:：/\-－–_])([0-9]{1,4}(?:\.[0-9]+)?[%％]?)\s?[-－–]\s?([0-9]{1,4}(?:\.[0-9]+)?)(?![0-9.\-－–])(?=([%％\u4e00-\u9fff]))/g;

const isArabic = (s: string | undefined) => s !== undefined && /^[0-9]+$/.test(s);

function daysIn(month: number, year: number | null): number {
  if (month === 2) {
    if (year === null) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Dates: Chinese or mixed numerals, 号 for 日, and dates that cannot exist (2月30日). */
function dateFindings(text: string, place: Place, taken: [number, number][]): Finding[] {
  const found: Finding[] = [];
  for (const m of matchesOf(DATE, text)) {
    const [whole, yearText, monthText, dayText, dayMark] = m;
    // Lunar dates (农历八月十五日) are written in Chinese numerals by convention.
    if (/农历|阴历|正月|腊月/.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    taken.push([m.index, m.index + whole.length]);
    const excerpt = excerptAround(text, m.index, whole.length);
    const year = yearText ? Number(isArabic(yearText) ? yearText : chineseDigits(yearText)) : null;
    const month = numberOf(monthText);
    const day = numberOf(dayText);
    const arabic = `${year !== null ? `${year}年` : ''}${month ?? monthText}月${day ?? dayText}日`;
    const allArabic = [yearText, monthText, dayText].every((p) => p === undefined || isArabic(p));
    if (!allArabic) {
      found.push(
        finding('date_format', `${placeLabel(place)}的日期“${whole}”应使用阿拉伯数字，写作“${arabic}”`, {
          ...place,
          excerpt,
        }),
      );
    } else if (dayMark === '号') {
      found.push(
        finding('date_format', `${placeLabel(place)}的日期“${whole}”应写作“${arabic}”，公文中不用“号”`, {
          ...place,
          excerpt,
        }),
      );
    }
    if (month !== null && day !== null && (month < 1 || month > 12 || day < 1 || day > daysIn(month, year))) {
      found.push(
        finding('impossible_date', `${placeLabel(place)}的日期“${whole}”不存在，请核对`, {
          ...place,
          excerpt,
        }),
      );
    }
  }
  return found;
}

/** Not a range: a multi-digit number with a leading zero (区号 0358), or a figure or table number (图1-2). */
function isRange(text: string, m: RegExpExecArray): boolean {
  const [, from, to] = m;
  if (/^0[0-9]/.test(from) || /^0[0-9]/.test(to)) return false;
  const before = text.slice(Math.max(0, m.index - 4), m.index);
  return !/[A-Za-z/][\s\u3000]*$|[图表式]$/.test(before);
}

/** Numbers and dates per GB/T 15835 basics in one paragraph (or the title). */
export function numberFindings(text: string, place: Place): Finding[] {
  const taken: [number, number][] = [];
  const found = dateFindings(text, place, taken);
  // Each stretch of text gets one number finding: the first pattern that claims it.
  const free = (m: RegExpExecArray) => {
    const end = m.index + m[0].length;
    if (taken.some(([s, e]) => m.index < e && end > s)) return false;
    taken.push([m.index, end]);
    return true;
  };
  const at = (m: RegExpExecArray) => ({ ...place, excerpt: excerptAround(text, m.index, m[0].length) });
  const label = placeLabel(place);

  for (const m of matchesOf(CN_YEAR, text).filter(free)) {
    const digits = chineseDigits(m[0].slice(0, -1));
    found.push(finding('year_numerals', `${label}的年份“${m[0]}”应使用阿拉伯数字，写作“${digits}年”`, at(m)));
  }
  for (const m of matchesOf(FULL_WIDTH_DIGITS, text).filter(free)) {
    found.push(
      finding('fullwidth_digits', `${label}的全角数字“${m[0]}”应改为半角“${halfWidthDigits(m[0])}”`, at(m)),
    );
  }
  for (const m of matchesOf(CN_DECIMAL, text).filter(free)) {
    const [, whole, fraction, unit] = m;
    const integer = parseChineseInteger(whole);
    const suggestion = integer === null ? '' : `，写作“${integer}.${chineseDigits(fraction) ?? ''}${unit}”`;
    found.push(
      finding('number_numerals', `${label}的数值“${m[0]}${unit}”应使用阿拉伯数字${suggestion}`, at(m)),
    );
  }
  // 百分之百 is the idiom, not a statistic.
  for (const m of matchesOf(CN_PERCENT, text).filter((p) => p[0] !== '百分之百' && free(p))) {
    const value = m[0].slice(3);
    const [whole, fraction] = value.split('点');
    const integer = parseChineseInteger(whole);
    const number = fraction ? `${integer}.${chineseDigits(fraction) ?? ''}` : `${integer}`;
    const suggestion = integer === null ? '' : `，写作“${number}%”`;
    found.push(finding('number_numerals', `${label}的百分数“${m[0]}”应使用阿拉伯数字${suggestion}`, at(m)));
  }
  for (const m of matchesOf(RANGE, text).filter((r) => isRange(text, r) && free(r))) {
    const [, from, to, next] = m;
    const unit = next === '%' || next === '％' ? '%' : next;
    found.push(
      finding(
        'range_hyphen',
        `${label}的“${m[0]}${next}”表示数值范围，应使用一字线或浪纹线，写作“${from}—${to}${unit}”或“${from}～${to}${unit}”`,
        at(m),
      ),
    );
  }
  // 两万元、十万元: short round amounts are tolerated.
  for (const m of matchesOf(CN_AMOUNT, text).filter((a) => [...a[0]].length >= 3 && free(a))) {
    const unit = /[万亿]$/.test(m[0]) ? m[0].slice(-1) : '';
    const rest = unit ? m[0].slice(0, -1) : m[0];
    // 一亿二千万 has no plain "N万" form; suggest a number only for one magnitude.
    const integer = /[万亿]/.test(rest) ? null : parseChineseInteger(rest);
    const suggestion = integer === null ? '' : `，写作“${integer}${unit}元”`;
    found.push(finding('number_numerals', `${label}的金额“${m[0]}元”应使用阿拉伯数字${suggestion}`, at(m)));
  }
  for (const m of matchesOf(CN_COUNTED, text)) {
    const value = parseChineseInteger(m[0]);
    if ([...m[0]].length < 3 || value === null || value < COUNTED_MIN || !free(m)) continue;
    const measure = m[1];
    found.push(
      finding(
        'number_numerals',
        `${label}的数量“${m[0]}${measure}”应使用阿拉伯数字，写作“${value}${measure}”`,
        at(m),
      ),
    );
  }
  return found;
}
