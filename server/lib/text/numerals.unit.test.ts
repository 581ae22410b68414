import { describe, expect, it } from 'vitest';
import { chineseDigits, halfWidthDigits, numberOf, parseChineseInteger } from './numerals.ts';

describe('parseChineseInteger', () => {
  it.each([
    ['五', 5],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十一', 31],
    ['一百零五', 105],
    ['三千五百', 3500],
    ['两万三千', 23_000],
    ['一亿二千万', 120_000_000],
  ])('%s → %d', (text, value) => {
    expect(parseChineseInteger(text)).toBe(value);
  });

  it.each(['', '二〇二五', '三五', '万', '三个'])('refuses %j', (text) => {
    expect(parseChineseInteger(text)).toBeNull();
  });
});

describe('digit forms', () => {
  it('reads digit-by-digit years and full-width digits', () => {
    expect(chineseDigits('二〇二五')).toBe('2025');
    expect(chineseDigits('一九四九')).toBe('1949');
    expect(chineseDigits('二十')).toBeNull();
    expect(halfWidthDigits('２０２５．５')).toBe('2025.5');
    expect(numberOf('12')).toBe(12);
    expect(numberOf('十二')).toBe(12);
  });
});
