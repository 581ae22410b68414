import { describe, expect, it } from 'vitest';
import { replacedWholesale, segmentDiff, toSegments } from './diff-item-versions.ts';

/** What a side of the diff reads as: the old text (equal + delete) or the new one (equal + insert). */
const side = (segments: { type: string; text: string }[], drop: 'insert' | 'delete') =>
  segments
    .filter((s) => s.type !== drop)
    .map((s) => s.text)
    .join('');

describe('character diff segments', () => {
  it('marks changed Chinese characters, not whole words', async () => {
    const segments = await segmentDiff('全市财政收入增长百分之五', '全市财政收入增长5.2%');
    expect(segments).toEqual([
      { type: 'equal', text: '全市财政收入增长' },
      { type: 'delete', text: '百分之五' },
      { type: 'insert', text: '5.2%' },
    ]);
  });

  it('rebuilds both texts from the segments', async () => {
    const a = '第一段。\n第二段有错别子。\n第三段。';
    const b = '第一段。\n第二段有错别字，已改。\n新增第四段。';
    const segments = await segmentDiff(a, b);
    expect(side(segments, 'insert')).toBe(a);
    expect(side(segments, 'delete')).toBe(b);
  });

  it('gives one equal segment for identical texts and none for two empty ones', async () => {
    expect(await segmentDiff('同', '同')).toEqual([{ type: 'equal', text: '同' }]);
    expect(await segmentDiff('', '')).toEqual([]);
  });

  it('joins adjacent segments of one type and drops empty ones', () => {
    expect(
      toSegments([
        { value: '甲', added: false, removed: false, count: 1 },
        { value: '乙', added: false, removed: false, count: 1 },
        { value: '', added: true, removed: false, count: 0 },
        { value: '丙', added: true, removed: false, count: 1 },
      ]),
    ).toEqual([
      { type: 'equal', text: '甲乙' },
      { type: 'insert', text: '丙' },
    ]);
  });

  it('shows a wholesale replacement when the diff gives up', async () => {
    expect(replacedWholesale('旧', '新')).toEqual([
      { type: 'delete', text: '旧' },
      { type: 'insert', text: '新' },
    ]);
    const a = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7) % 3000))).join('');
    const b = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 13) % 2999))).join(
      '',
    );
    const segments = await segmentDiff(a, b, 1);
    expect(side(segments, 'insert')).toBe(a);
    expect(side(segments, 'delete')).toBe(b);
  });
});
