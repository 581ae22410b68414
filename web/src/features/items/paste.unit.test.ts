import { describe, expect, it } from 'vitest';
import { insertPaste, normalizeParagraphs, paragraphRange } from './paste.ts';

describe('normalizeParagraphs', () => {
  it('keeps paragraphs from Word text, dropping blank lines and full-width indentation', () => {
    const word = '\u3000\u3000第一段内容。\r\n\r\n\u3000\u3000第二段，含数字2025年。\r\n  \r\n\t第三段 \r\n';
    expect(normalizeParagraphs(word)).toBe('第一段内容。\n第二段，含数字2025年。\n第三段');
  });

  it('treats vertical tabs and paragraph separators as breaks and keeps inner single spaces', () => {
    expect(normalizeParagraphs('A  B\vC\u2029D')).toBe('A B\nC\nD');
  });
});

describe('insertPaste', () => {
  it('starts a multi-paragraph paste on a new line inside a paragraph', () => {
    const r = insertPaste('前文后文', 2, 2, '甲\n乙');
    expect(r.value).toBe('前文\n甲\n乙\n后文');
    expect(r.cursor).toBe(6);
  });

  it('inserts a single line in place and replaces the selection', () => {
    expect(insertPaste('前XX后', 1, 3, '中').value).toBe('前中后');
  });
});

describe('paragraphRange', () => {
  it('finds the offsets of a 1-based paragraph', () => {
    expect(paragraphRange('一\n二二\n三', 2)).toEqual({ start: 2, end: 4 });
    expect(paragraphRange('一', 3)).toBeNull();
  });
});
