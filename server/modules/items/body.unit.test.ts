import { describe, expect, it } from 'vitest';
import { normaliseBody, normaliseTitle, paragraphsOf } from './body.ts';

describe('body normalisation', () => {
  it('unifies line endings and keeps one paragraph per line', () => {
    expect(normaliseBody('一\r\n二\r三\n四\u2028五\u2029六')).toBe('一\n二\n三\n四\n五\n六');
  });

  it('trims the indentation pasted from Word and WPS, full-width spaces included', () => {
    expect(normaliseBody('\u3000\u3000第一段。\n\t 第二段。 \u00a0\n\u200b第三段。\ufeff')).toBe(
      '第一段。\n第二段。\n第三段。',
    );
  });

  it('keeps spaces inside a paragraph', () => {
    expect(normaliseBody('  GDP 增长 5.2%  ')).toBe('GDP 增长 5.2%');
  });

  it('drops empty and blank paragraphs', () => {
    expect(normaliseBody('\n\n一\n \u3000 \n\n二\n\n')).toBe('一\n二');
    expect(normaliseBody(' \r\n\u3000')).toBe('');
  });

  it('keeps markup as literal text', () => {
    expect(normaliseBody('<p>一</p>\n<script>alert(1)</script>')).toBe(
      '<p>一</p>\n<script>alert(1)</script>',
    );
  });

  it('is idempotent', () => {
    const once = normaliseBody('\u3000\u3000甲\r\n\r\n  乙  \n');
    expect(normaliseBody(once)).toBe(once);
  });

  it('splits a normalised body into paragraphs', () => {
    expect(paragraphsOf('一\n二')).toEqual(['一', '二']);
    expect(paragraphsOf('')).toEqual([]);
  });
});

describe('title normalisation', () => {
  it('makes one trimmed line', () => {
    expect(normaliseTitle('\u3000 关于\r\n做好防汛工作的\t通知 ')).toBe('关于 做好防汛工作的 通知');
  });
});
