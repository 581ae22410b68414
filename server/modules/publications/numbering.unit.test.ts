import { describe, expect, it } from 'vitest';
import { formatIssueLabel } from './numbering.ts';

describe('formatIssueLabel', () => {
  const issue = { year: 2026, number: 25, totalNumber: 125 };

  it('writes the three label formats without leading zeros', () => {
    expect(formatIssueLabel({ labelFormat: 'year_issue', showTotal: false }, issue)).toBe('2026年第25期');
    expect(formatIssueLabel({ labelFormat: 'bracket', showTotal: false }, issue)).toBe('〔2026〕25期');
    expect(formatIssueLabel({ labelFormat: 'plain', showTotal: false }, issue)).toBe('第25期');
    expect(formatIssueLabel({ labelFormat: 'year_issue', showTotal: false }, { year: 2026, number: 1 })).toBe(
      '2026年第1期',
    );
  });

  it('adds the running total only when the publication shows it and it is known', () => {
    expect(formatIssueLabel({ labelFormat: 'year_issue', showTotal: true }, issue)).toBe(
      '2026年第25期（总第125期）',
    );
    expect(formatIssueLabel({ labelFormat: 'bracket', showTotal: true }, issue)).toBe(
      '〔2026〕25期（总第125期）',
    );
    expect(formatIssueLabel({ labelFormat: 'plain', showTotal: true }, issue)).toBe('第25期（总第125期）');
    expect(formatIssueLabel({ labelFormat: 'plain', showTotal: true }, { year: 2026, number: 3 })).toBe(
      '第3期',
    );
  });

  it('refuses numbers that are not positive integers', () => {
    const style = { labelFormat: 'plain', showTotal: true } as const;
    expect(() => formatIssueLabel(style, { year: 2026, number: 0 })).toThrow(RangeError);
    expect(() => formatIssueLabel(style, { year: 2026, number: 2.5 })).toThrow(RangeError);
    expect(() => formatIssueLabel(style, { year: 2026, number: 1, totalNumber: -1 })).toThrow(RangeError);
  });
});
