import { describe, expect, it } from 'vitest';
import { highlight, queryTerms, searchQuery, searchVector } from './search-text.ts';

const lexemes = (literal: string) => [...literal.matchAll(/'([^']+)':([\dA-D,]+)/g)].map((m) => [m[1], m[2]]);

describe('the search text', () => {
  it('indexes every character bigram of Chinese runs, Latin words in lower case, with positions', () => {
    const v = lexemes(searchVector([{ text: '农家书屋，GDP增长', weight: 'A' }]));
    expect(v).toEqual([
      ['农家', '1A'],
      ['家书', '2A'],
      ['书屋', '3A'],
      ['gdp', '5A'],
      ['增长', '6A'],
    ]);
  });

  it('keeps fields apart and weighs them; full-width letters fold to ASCII', () => {
    const v = new Map(
      lexemes(
        searchVector([
          { text: '书屋', weight: 'A' },
          { text: '农家书屋 ＧＤＰ', weight: 'D' },
        ]),
      ) as [string, string][],
    );
    expect(v.get('书屋')).toBe('1A,12D');
    expect(v.get('gdp')).toBe('14D');
    expect(
      searchVector([
        { text: '', weight: 'A' },
        { text: null, weight: 'D' },
      ]),
    ).toBe('');
  });

  it('turns what was typed into terms: spaced words, quoted phrases, exclusions', () => {
    const terms = queryTerms('农家 书屋 “文化 惠民” -网吧 ！！');
    expect(terms.map((t) => [t.text, t.exclude])).toEqual([
      ['农家', false],
      ['书屋', false],
      ['文化 惠民', false],
      ['网吧', true],
    ]);
    expect(searchQuery(terms)).toBe("'农家' & '书屋' & ('文化' <2> '惠民') & !'网吧'");
    expect(searchQuery(queryTerms('农家书屋'))).toBe("(('农家' <1> '家书') <1> '书屋')");
    // A lone character or a Latin word matches as a prefix.
    expect(searchQuery(queryTerms('农 5G'))).toBe("'农':* & '5g':*");
    expect(searchQuery(queryTerms('-网吧'))).toBeNull();
    expect(searchQuery(queryTerms('%_ ，。'))).toBeNull();
  });

  it('marks every match in a snippet around the first one', () => {
    const text = `${'前言'.repeat(40)}开展农家书屋活动，农家书屋藏书万册。`;
    const parts = highlight(text, queryTerms('农家书屋'), 30);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['农家书屋', '农家书屋']);
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(32);
    expect(highlight('没有命中的文字', queryTerms('书屋'))).toEqual([{ text: '没有命中的文字', hit: false }]);
  });
});
