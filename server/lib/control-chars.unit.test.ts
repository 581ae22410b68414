import { describe, expect, it } from 'vitest';
import {
  assertNoForbiddenChars,
  forbiddenCharIn,
  normaliseWordBreaks,
  stripForbiddenChars,
  stripForbiddenDeep,
} from './control-chars.ts';

describe('forbidden characters', () => {
  it('finds C0 controls except tab, LF and CR; U+FFFE, U+FFFF; lone surrogates', () => {
    for (let c = 0; c < 0x20; c++) {
      const expected = c === 9 || c === 10 || c === 13 ? null : c;
      expect(forbiddenCharIn(`a${String.fromCharCode(c)}b`), `U+${c.toString(16)}`).toBe(expected);
    }
    expect(forbiddenCharIn('\uFFFE')).toBe(0xfffe);
    expect(forbiddenCharIn('\uFFFF')).toBe(0xffff);
    expect(forbiddenCharIn('x\uD800')).toBe(0xd800);
    expect(forbiddenCharIn('\uDC00x')).toBe(0xdc00);
    // A proper pair, DEL, the BOM and ordinary Chinese are text.
    expect(forbiddenCharIn('𠮷\u007F\uFEFF汾阳')).toBeNull();
  });

  it('strips them, deep in objects, leaving dates alone', () => {
    expect(stripForbiddenChars('张\u0000三\uFFFE\uD800')).toBe('张三');
    const date = new Date(2026, 0, 1);
    expect(stripForbiddenDeep({ a: ['x\u0001'], b: { c: '\u001Fy' }, d: date, n: 1 })).toEqual({
      a: ['x'],
      b: { c: 'y' },
      d: date,
      n: 1,
    });
  });

  it('refuses with a Chinese 400 naming the character, in values and keys at any depth', () => {
    expect(() => assertNoForbiddenChars({ a: [{ b: 'ok\u0000' }] }, 'body')).toThrow(
      '输入中含有不可见的控制字符（U+0000），请删除后重试',
    );
    expect(() => assertNoForbiddenChars({ 'k\uFFFF': 1 }, 'body')).toThrow('输入中含有无效字符（U+FFFF）');
    expect(() => assertNoForbiddenChars({ a: 'tab\tand\nnewline\r' }, 'body')).not.toThrow();
    expect(() => assertNoForbiddenChars(null, 'body')).not.toThrow();
  });
});

describe('normaliseWordBreaks', () => {
  it('turns Word’s manual line break and page break into line feeds, deep, values only', () => {
    expect(normaliseWordBreaks({ body: '第一段\v第二段\f第三段', list: ['a\vb'], n: 1 })).toEqual({
      body: '第一段\n第二段\n第三段',
      list: ['a\nb'],
      n: 1,
    });
    const plain = { a: 'x' };
    expect(normaliseWordBreaks(plain)).toEqual(plain);
    expect(normaliseWordBreaks('a\v\vb')).toBe('a\n\nb');
  });
});
