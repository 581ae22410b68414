import { describe, expect, it } from 'vitest';
import type { Rules } from '../api.ts';
import { fromRules, toRules } from './formModel.ts';

const meta = { name: '考核办法', periodStart: '2026-01-01', periodEnd: '2026-12-31' };

describe('the rule-set form model', () => {
  it('carries rank bonuses, the adopting office and a quota’s prerequisite both ways', () => {
    const rules: Rules = {
      groups: [{ code: 'town', name: '乡镇', unitGroups: ['township'] }],
      adoption: {
        rows: [{ key: 'zb', label: '中办', adopterOfficeIds: ['office-zb'], points: '50' }],
        combine: 'sum',
        multipliers: [{ key: 'gb', adopterOfficeIds: ['office-gb'], factor: '5' }],
      },
      joint: 'even',
      instructions: {
        rows: [
          { level: 'province', rank: 'deputy', points: '20' },
          { level: 'city', points: '10' },
          { level: 'city', rank: 'principal', points: '30' },
        ],
        mode: 'once_per_level',
      },
      quotas: [
        { key: 'long', period: 'quarter', counts: 'submitted', categories: ['research'], min: 1 },
        { key: 'month', period: 'month', counts: 'submitted', min: 8, basePoints: '10', requires: 'long' },
      ],
      zeroOut: [],
    };
    const values = fromRules(rules, meta);
    expect(values.instructionPoints).toEqual({ city: '10', 'city:principal': '30', 'province:deputy': '20' });
    const back = toRules(values);
    expect(back.adoption).toEqual(rules.adoption);
    // Rows come back in level order (国务院 … 乡镇), each level's plain row before its ranks.
    expect(back.instructions).toEqual(rules.instructions);
    expect(back.quotas).toEqual(rules.quotas);
  });

  it('drops an empty prerequisite and empty rank bonuses', () => {
    const values = fromRules(
      {
        groups: [{ code: 'town', name: '乡镇', unitGroups: ['township'] }],
        adoption: { rows: [], combine: 'sum', multipliers: [] },
        joint: 'even',
        quotas: [{ key: 'q', period: 'month', counts: 'submitted', min: 1, basePoints: '1' }],
        zeroOut: [],
      },
      meta,
    );
    values.quotas[0] = { ...values.quotas[0]!, requires: undefined };
    values.instructionPoints = { 'city:principal': '', city: null };
    const back = toRules(values);
    expect(back.quotas[0]).not.toHaveProperty('requires');
    expect(back.instructions).toBeUndefined();
  });
});
