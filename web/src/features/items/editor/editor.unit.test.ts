import { describe, expect, it } from 'vitest';
import { isOverdueAt } from './deadline.ts';
import { apiFilters, parseListParams } from './listParams.ts';
import { composeMergedBody, evenCredits, formatShare, mergedPriority } from './merge.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('deadline', () => {
  const now = Date.parse('2025-03-05T10:00:00+08:00');
  const at = (ms: number) => new Date(now + ms).toISOString();

  it('is overdue only while the office has yet to decide and the limit has passed', () => {
    expect(isOverdueAt({ status: 'submitted', deadlineAt: at(-MIN) }, now)).toBe(true);
    expect(isOverdueAt({ status: 'submitted', deadlineAt: at(MIN) }, now)).toBe(false);
    expect(isOverdueAt({ status: 'accepted', deadlineAt: at(-HOUR) }, now)).toBe(false);
    expect(isOverdueAt({ status: 'submitted', deadlineAt: null }, now)).toBe(false);
  });
});

describe('joint report (合报)', () => {
  const unit = (id: string, name: string) => ({ id, name });
  const sources = [
    {
      id: 'a',
      title: 'A',
      body: '第一段\n\n第二段',
      priority: 'normal' as const,
      originUnit: unit('u1', '财政局'),
    },
    { id: 'b', title: 'B', body: '水务段', priority: 'urgent' as const, originUnit: unit('u2', '水务局') },
    {
      id: 'c',
      title: 'C',
      body: '再一段',
      priority: 'for_reading' as const,
      originUnit: unit('u1', '财政局'),
    },
  ];

  it('starts the body from every source under its unit name, dropping empty paragraphs', () => {
    expect(composeMergedBody(sources)).toBe(
      '【财政局】\n第一段\n第二段\n【水务局】\n水务段\n【财政局】\n再一段',
    );
  });

  it('splits the credit evenly over distinct units, the first taking the remainder', () => {
    expect(evenCredits(sources).map((c) => c.share)).toEqual([500, 500]);
    const seven = Array.from({ length: 7 }, (_, i) => ({ originUnit: unit(`u${i}`, `单位${i}`) }));
    const shares = evenCredits(seven).map((c) => c.share);
    expect(shares).toEqual([148, 142, 142, 142, 142, 142, 142]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('writes shares as percentages and takes the most urgent priority', () => {
    expect(formatShare(334)).toBe('33.4%');
    expect(formatShare(500)).toBe('50%');
    expect(mergedPriority(sources)).toBe('urgent');
    expect(mergedPriority([sources[0]])).toBe('normal');
  });
});

describe('list URL', () => {
  it('opens the inbox on 待处理 and ignores values the server would refuse', () => {
    const { tab, filters, page } = parseListParams(
      new URLSearchParams('priority=bogus&sort=title&page=-3&q= 水 '),
    );
    expect(tab).toBe('submitted');
    expect(filters).toMatchObject({ priority: undefined, sort: undefined, q: '水' });
    expect(page).toBe(1);
    expect(apiFilters(tab, filters).status).toBe('submitted');
    expect(apiFilters('all', filters).status).toBeUndefined();
  });
});
