/**
 * The scoring rules of real 考核办法 (shared docs/DOMAIN.md §3's table, plus §1's "2+ missed
 * commissions zero the unit's year") written as configured rule sets, each scored against a few
 * hand-made facts. Every expected total is computed by hand in the comment beside it; where the
 * table is terse the comment says how the row was read.
 */
import { describe, expect, it } from 'vitest';
import { formatAmount } from './decimal.ts';
import type { DayRange } from './periods.ts';
import { type RulesInput, rulesSchema } from './rules.ts';
import { type Entry, score } from './score.ts';
import {
  contextFor,
  FactsBuilder,
  office,
  type Pub,
  scoredUnits,
  standings,
  totals,
  unit,
} from './test-facts.ts';
import type { Member } from './validate.ts';
import { validateRules } from './validate.ts';

/** Parses the rule set, insists it validates cleanly, and returns a scorer for facts. */
function setup(
  input: RulesInput,
  o: {
    pubs: Pub[];
    members: Member[];
    period: DayRange;
    asOf: string;
    itemCategories?: string[];
    adopterOffices?: Map<string, string>;
  },
) {
  const rules = rulesSchema.parse(input);
  expect(validateRules(rules, o.period, o.asOf, contextFor(o.pubs, o.members, o))).toEqual([]);
  const units = scoredUnits(rules, o.members);
  const run = (b: FactsBuilder) => {
    const entries = score({ rules, period: o.period, asOf: o.asOf, units, facts: b.facts });
    return { entries, table: standings(entries, units), sums: totals(entries, units) };
  };
  return { rules, units, run };
}

const ofKind = (entries: Entry[], unitId: string, kind: Entry['kind']) =>
  entries.filter((e) => e.unitId === unitId && e.kind === kind);
const pointsOf = (entries: Entry[]) => formatAmount(entries.reduce((s, e) => s + e.points, 0));

describe('Seed (汾阳 2009): 吕梁 scores its counties by the publication that adopted', () => {
  // Assessing office: 吕梁市政府办. 《吕梁政务信息●普刊》 is its own; 《晋政信息》 is the province's.
  const lvliang: Pub = { id: 'lvliang-pk', name: '吕梁政务信息●普刊', kind: '普刊', tier: 'own' };
  const jinPk: Pub = { id: 'jinzheng-pk', name: '晋政信息●普刊', kind: '普刊', tier: 'province' };
  const jinWeb: Pub = { id: 'jinzheng-web', name: '晋政信息●互联网', kind: '互联网', tier: 'province' };
  const members = [
    office('fenyang', '汾阳市'),
    office('xiaoyi', '孝义市'),
    office('lishi', '离石区'),
    office('jiaocheng', '交城县'),
  ];
  const { run } = setup(
    {
      groups: [{ code: 'counties', name: '县（市、区）', offices: true }],
      adoption: {
        rows: [
          { key: 'lvliang-pk', label: '吕梁政务信息普刊', publicationIds: ['lvliang-pk'], points: '1' },
          { key: 'jinzheng-pk', label: '晋政信息普刊', publicationIds: ['jinzheng-pk'], points: '4' },
          { key: 'jinzheng-web', label: '晋政信息互联网', publicationIds: ['jinzheng-web'], points: '2' },
        ],
        // One item printed by 吕梁 and again by the province earns both (the seed's figures add up).
        combine: 'sum',
      },
      joint: 'even',
    },
    {
      pubs: [lvliang, jinPk, jinWeb],
      members,
      period: { from: '2009-01-01', to: '2009-12-31' },
      asOf: '2010-01-10',
    },
  );

  it('ranks 汾阳 third among the counties by points', () => {
    const b = new FactsBuilder();
    const f1 = b.item('fy-1', 'fenyang');
    const f2 = b.item('fy-2', 'fenyang');
    b.adopt(f1, lvliang, '2009-03-02').adopt(f1, jinPk, '2009-03-20').adopt(f2, jinWeb, '2009-05-06');
    const [x1, x2, x3] = ['xy-1', 'xy-2', 'xy-3'].map((id) => b.item(id, 'xiaoyi'));
    b.adopt(x1!, jinPk, '2009-02-01').adopt(x2!, jinPk, '2009-06-01').adopt(x3!, lvliang, '2009-07-01');
    const [l1, l2, l3, l4] = ['ls-1', 'ls-2', 'ls-3', 'ls-4'].map((id) => b.item(id, 'lishi'));
    b.adopt(l1!, jinPk, '2009-04-01').adopt(l2!, jinWeb, '2009-04-02');
    b.adopt(l3!, lvliang, '2009-08-01').adopt(l4!, lvliang, '2009-09-01');
    const j1 = b.item('jc-1', 'jiaocheng');
    const j0 = b.item('jc-0', 'jiaocheng');
    b.adopt(j1, lvliang, '2009-10-01').adopt(j0, jinPk, '2008-12-30'); // 2008: outside the period
    const { table } = run(b);
    expect(table).toEqual({
      孝义市: ['9', 1], // 4 + 4 + 1
      离石区: ['8', 2], // 4 + 2 + 1 + 1
      汾阳市: ['7', 3], // fy-1: 吕梁 1 + 晋政普刊 4; fy-2: 晋政互联网 2 → 7
      交城县: ['1', 4], // 吕梁 1; the 2008 晋政 adoption is outside 2009
    });
  });
});

describe('常山县 2014: own publications, city adoptions by kind, monthly quotas per group', () => {
  // Assessing office: 常山县政府办, scoring 乡镇 and departments (three classes).
  const yqkb: Pub = { id: 'cs-yqkb', name: '要情快报', kind: '要情', tier: 'own' };
  const csz: Pub = { id: 'cs-zw', name: '常山政务', kind: '普刊', tier: 'own' };
  const zk: Pub = { id: 'cs-zk', name: '常山政务·增刊', kind: '增刊', tier: 'own' };
  const cy: Pub = { id: 'cs-zwcy', name: '政务参阅', kind: '参阅', tier: 'own' };
  const qzDt: Pub = { id: 'qz-dt', name: '衢州信息·动态', kind: '动态', tier: 'city' };
  const qzPk: Pub = { id: 'qz-pk', name: '衢州政务信息', kind: '普刊', tier: 'city' };
  const gzjl: Pub = { id: 'qz-gzjl', name: '工作交流', kind: '工作交流', tier: 'city' };
  const members = [
    unit('tianma', '天马镇', 'township', 'township'),
    unit('qiuchuan', '球川镇', 'township', 'township'),
    unit('fgj', '县发改局', 'dept_1', 'city_dept'),
    unit('whj', '县文化局', 'dept_3', 'city_dept'),
  ];
  const { run, rules, units } = setup(
    {
      groups: [
        { code: 'township', name: '乡镇', unitGroups: ['township'] },
        { code: 'dept_1', name: '一类部门', unitGroups: ['dept_1'] },
        { code: 'dept_2', name: '二类部门', unitGroups: ['dept_2'] },
        { code: 'dept_3', name: '三类部门', unitGroups: ['dept_3'] },
      ],
      adoption: {
        // Interpretation of "Adopted by the city: 动态 20, 单篇 50, 《工作交流》 80": any adoption in
        // 《工作交流》 80; in the city's 动态 publication 20; a single-article (单篇) adoption in the
        // city's other publications 50; a city adoption merged into a 综合 piece scores nothing.
        rows: [
          { key: 'yqkb', label: '要情快报', publicationIds: ['cs-yqkb'], points: '5' },
          { key: 'csz', label: '常山政务', publicationIds: ['cs-zw'], points: '10' },
          { key: 'zk-cy', label: '增刊、政务参阅', publicationIds: ['cs-zk', 'cs-zwcy'], points: '30' },
          { key: 'gzjl', label: '工作交流', publicationIds: ['qz-gzjl'], points: '80' },
          { key: 'city-dt', label: '市动态', tiers: ['city'], publicationKinds: ['动态'], points: '20' },
          { key: 'city-single', label: '市单篇', tiers: ['city'], adoptionKinds: ['单篇采用'], points: '50' },
        ],
        combine: 'sum',
      },
      joint: 'even',
      quotas: [
        // "Base 10 points a month for meeting the quota (120 a year); 乡镇 ≥ 8 items a month and
        // ≥ 1 long item a quarter": the quarter's long item is a quota of its own without points,
        // which the monthly one requires — a month's base is paid only when its quarter had one.
        {
          key: 'town-long',
          label: '乡镇长篇任务',
          groups: ['township'],
          period: 'quarter',
          counts: 'submitted',
          categories: ['research'],
          min: 1,
        },
        {
          key: 'town-month',
          label: '乡镇月度任务',
          groups: ['township'],
          period: 'month',
          counts: 'submitted',
          min: 8,
          basePoints: '10',
          requires: 'town-long',
        },
        // "Departments in three classes with separate quotas": the minima are not in the table;
        // 4 / 3 / 2 a month are this test's.
        {
          key: 'dept1-month',
          groups: ['dept_1'],
          period: 'month',
          counts: 'submitted',
          min: 4,
          basePoints: '10',
        },
        {
          key: 'dept2-month',
          groups: ['dept_2'],
          period: 'month',
          counts: 'submitted',
          min: 3,
          basePoints: '10',
        },
        {
          key: 'dept3-month',
          groups: ['dept_3'],
          period: 'month',
          counts: 'submitted',
          min: 2,
          basePoints: '10',
        },
      ],
    },
    {
      pubs: [yqkb, csz, zk, cy, qzDt, qzPk, gzjl],
      members,
      // The year's rule set judged on 5 April: January–March and the first quarter have ended.
      period: { from: '2014-01-01', to: '2014-12-31' },
      asOf: '2014-04-05',
    },
  );

  it('adds base points for every month met, only in quarters with a long item', () => {
    const b = new FactsBuilder();
    // 天马镇: 8 in January, 9 in February (one of them 调研), 8 in March.
    const tJan = b.submitMany('tianma', 8, '2014-01-10', 'tm-jan');
    const tFeb = b.submitMany('tianma', 8, '2014-02-10', 'tm-feb');
    const tLong = b.submit(b.item('tm-long', 'tianma', { category: 'research' }), '2014-02-20');
    b.submitMany('tianma', 8, '2014-03-10', 'tm-mar');
    b.adopt(tJan[0]!, yqkb, '2014-01-12').adopt(tFeb[0]!, csz, '2014-02-12');
    b.adopt(tLong, gzjl, '2014-03-01').adopt(tLong, zk, '2014-02-25');
    // 球川镇: 8, 7, 8 and no 调研.
    const qJan = b.submitMany('qiuchuan', 8, '2014-01-15', 'qc-jan');
    b.submitMany('qiuchuan', 7, '2014-02-15', 'qc-feb');
    b.submitMany('qiuchuan', 8, '2014-03-15', 'qc-mar');
    b.adopt(qJan[0]!, qzDt, '2014-01-20');
    b.adopt(qJan[1]!, qzPk, '2014-01-21', { adoptionKind: '单篇采用' });
    b.adopt(qJan[2]!, qzPk, '2014-01-22', { adoptionKind: '综合采用' });
    // 县发改局 (一类, 4 a month): 4, 4, 3.  县文化局 (三类, 2 a month): 2, 2, 2.
    const fJan = b.submitMany('fgj', 4, '2014-01-05', 'fg-jan');
    b.submitMany('fgj', 4, '2014-02-05', 'fg-feb');
    b.submitMany('fgj', 3, '2014-03-05', 'fg-mar');
    b.adopt(fJan[0]!, cy, '2014-01-08');
    const wJan = b.submitMany('whj', 2, '2014-01-06', 'wh-jan');
    b.submitMany('whj', 2, '2014-02-06', 'wh-feb');
    b.submitMany('whj', 2, '2014-03-06', 'wh-mar');
    b.adopt(wJan[0]!, yqkb, '2014-01-09');

    const { table, entries } = run(b);
    expect(table).toEqual({
      // base 10 × 3 months + 要情快报 5 + 常山政务 10 + 工作交流 80 + 增刊 30; Q1 has a 调研 item (0)
      天马镇: ['155', 1],
      // no 调研 item in Q1, so no month's base (Jan 8 and Mar 8 met, Feb 7 < 8, no penalty named)
      // + 市动态 20 + 市单篇 50 + 综合采用 0 = 70
      球川镇: ['70', 2],
      县发改局: ['50', 1], // base 10 + 10 + 0 (3 < 4) + 政务参阅 30
      县文化局: ['35', 1], // base 10 × 3 + 要情快报 5
    });
    // Only ended periods are judged: three months and one quarter, nothing dated after March.
    const tmQuota = ofKind(entries, 'tianma', 'quota');
    expect(tmQuota.map((e) => [e.on, e.ruleKey, formatAmount(e.points)])).toEqual([
      ['2014-01-31', 'town-month', '10'],
      ['2014-02-28', 'town-month', '10'],
      ['2014-03-31', 'town-long', '0'],
      ['2014-03-31', 'town-month', '10'],
    ]);
    expect(ofKind(entries, 'qiuchuan', 'quota').map((e) => e.detail)).toEqual([
      '2014年1月乡镇月度任务：报送8条，完成8条任务，但2014年第一季度未完成“乡镇长篇任务”，不得分',
      '2014年2月乡镇月度任务：报送7条，少于8条任务',
      '2014年第一季度乡镇长篇任务：报送0条，少于1条任务',
      '2014年3月乡镇月度任务：报送8条，完成8条任务，但2014年第一季度未完成“乡镇长篇任务”，不得分',
    ]);
    // The 综合 adoption is recorded with no points and says why.
    const merged = ofKind(entries, 'qiuchuan', 'adoption').find((e) => e.factId === 'qc-jan-3:qz-pk');
    expect(merged).toMatchObject({ points: 0, ruleKey: null, outlet: 'upper' });
    expect(merged?.detail).toBe('《qc-jan-3》被衢州政务信息综合采用，无对应计分规则');
  });
  it('judges a month whose quarter has not ended only when the quarter ends', () => {
    const b = new FactsBuilder();
    b.submitMany('tianma', 8, '2014-04-10', 'tm-apr');
    b.submit(b.item('tm-long2', 'tianma', { category: 'research' }), '2014-04-20');
    const judged = (asOf: string) =>
      score({ rules, period: { from: '2014-01-01', to: '2014-12-31' }, asOf, units, facts: b.facts })
        .filter((e) => e.unitId === 'tianma' && e.kind === 'quota' && e.on.startsWith('2014-04'))
        .map((e) => e.ruleKey);
    // 5 May: April has ended, the second quarter has not — April's base waits for it.
    expect(judged('2014-05-05')).toEqual([]);
    expect(judged('2014-07-01')).toEqual(['town-month']);
  });
});

describe('湖州 2018: own and provincial kinds, instructions once per level', () => {
  const own = (kind: string): Pub => ({ id: `hz-${kind}`, name: `湖州${kind}`, kind, tier: 'own' });
  const prov = (kind: string): Pub => ({ id: `zj-${kind}`, name: `浙江${kind}`, kind, tier: 'province' });
  const [mryq, zb, tk] = [own('每日要情'), own('专报'), own('特刊')];
  const [zjMryq, zjZb] = [prov('每日要情'), prov('专报')];
  const members = [office('deqing', '德清县'), office('changxing', '长兴县'), office('anji', '安吉县')];
  const { run } = setup(
    {
      groups: [{ code: 'counties', name: '区县', offices: true }],
      adoption: {
        rows: [
          { key: 'own-mryq', tiers: ['own'], publicationKinds: ['每日要情'], points: '3' },
          { key: 'own-zb', tiers: ['own'], publicationKinds: ['专报'], points: '10' },
          { key: 'own-tk', tiers: ['own'], publicationKinds: ['特刊'], points: '20' },
          { key: 'prov-mryq', tiers: ['province'], publicationKinds: ['每日要情'], points: '10' },
          // "专报 adds another 30": a provincial 专报 adoption earns 30 on top of whatever the
          // item's other adoptions earn (combine: sum).
          { key: 'prov-zb', tiers: ['province'], publicationKinds: ['专报'], points: '30' },
        ],
        combine: 'sum',
      },
      joint: 'even',
      // "Local 批示 +10 / +20" read as county leaders 10, city leaders 20; "several instructions at
      // the same level do not add up" is once_per_level.
      instructions: {
        rows: [
          { level: 'county', points: '10' },
          { level: 'city', points: '20' },
          { level: 'province', points: '50' },
        ],
        mode: 'once_per_level',
      },
    },
    {
      pubs: [mryq, zb, tk, zjMryq, zjZb],
      members,
      period: { from: '2018-01-01', to: '2018-12-31' },
      asOf: '2019-01-05',
    },
  );

  it('counts one instruction per level and item', () => {
    const b = new FactsBuilder();
    const d1 = b.item('dq-1', 'deqing');
    const d2 = b.item('dq-2', 'deqing');
    b.adopt(d1, mryq, '2018-03-01').adopt(d1, zjMryq, '2018-03-03').adopt(d1, zjZb, '2018-03-05');
    b.instruct(d1, 'city', '2018-03-06', '市长').instruct(d1, 'city', '2018-03-07', '副市长');
    b.instruct(d1, 'province', '2018-03-10', '副省长');
    b.adopt(d2, tk, '2018-05-01');
    const c1 = b.item('cx-1', 'changxing');
    const c2 = b.item('cx-2', 'changxing');
    const c3 = b.item('cx-3', 'changxing');
    b.adopt(c1, zb, '2018-02-01').instruct(c1, 'county', '2018-02-02').instruct(c1, 'county', '2018-02-03');
    b.instruct(c1, 'city', '2018-02-04');
    b.adopt(c2, mryq, '2018-04-01').adopt(c2, zjMryq, '2018-04-02').adopt(c3, tk, '2018-06-01');
    const a1 = b.item('aj-1', 'anji');
    const a2 = b.item('aj-2', 'anji');
    b.adopt(a1, zjZb, '2018-07-01').instruct(a1, 'province', '2018-07-02');
    b.adopt(a2, zb, '2018-08-01').instruct(a2, 'province', '2018-08-02');
    const { table, entries } = run(b);
    expect(table).toEqual({
      安吉县: ['140', 1], // aj-1: 省专报 30 + 省批示 50; aj-2: 专报 10 + 省批示 50 (another item: counts)
      // dq-1: 每日要情 3 + 省每日要情 10 + 省专报 30 + 市批示 20 (the second 市批示 0) + 省批示 50 = 113;
      // dq-2: 特刊 20 → 133
      德清县: ['133', 2],
      // cx-1: 专报 10 + 县批示 10 (second 0) + 市批示 20 = 40; cx-2: 3 + 10; cx-3: 特刊 20 → 73
      长兴县: ['73', 3],
    });
    const second = ofKind(entries, 'deqing', 'instruction').find((e) => e.detail.includes('副市长'));
    expect(second).toMatchObject({ points: 0, detail: '《dq-1》获副市长批示，同级批示不累加' });
  });
});

describe('衢州: route multipliers, 国办 ×5, 合报 split evenly', () => {
  const kinds = ['信息版', '专报', '增刊', '送阅件'];
  const own = Object.fromEntries(
    kinds.map((k) => [k, { id: `qz-${k}`, name: `衢州${k}`, kind: k, tier: 'own' }]),
  ) as Record<string, Pub>;
  const zjXx: Pub = { id: 'zj-xx', name: '浙江信息', kind: '信息版', tier: 'province' };
  const zjZb: Pub = { id: 'zj-zb', name: '浙江专报', kind: '专报', tier: 'province' };
  const gbXx: Pub = { id: 'gb-xx', name: '国办信息', kind: '信息版', tier: 'national' };
  const gbZb: Pub = { id: 'gb-zb', name: '国办专报', kind: '专报', tier: 'national' };
  const members = [office('kecheng', '柯城区'), office('qujiang', '衢江区'), office('jiangshan', '江山市')];
  const { run } = setup(
    {
      groups: [{ code: 'counties', name: '县（市、区）', offices: true }],
      adoption: {
        // Interpretation: upper adoptions score the same per-kind table as the city's own
        // (信息版 2, 专报 3, 增刊 10, 送阅件 2), ×2 when the province adopted an item the city office
        // forwarded, ×5 when 国办 adopted it; a province adoption reached directly is ×1.
        rows: [
          { key: 'xxb', label: '信息版', publicationKinds: ['信息版'], points: '2' },
          { key: 'zb', label: '专报', publicationKinds: ['专报'], points: '3' },
          { key: 'zk', label: '增刊', publicationKinds: ['增刊'], points: '10' },
          { key: 'syj', label: '送阅件', publicationKinds: ['送阅件'], points: '2' },
        ],
        combine: 'sum',
        multipliers: [
          { key: 'via-city', label: '经市办转报', tiers: ['province'], route: 'forwarded', factor: '2' },
          { key: 'guoban', label: '国办采用', tiers: ['national'], factor: '5' },
        ],
      },
      joint: 'even',
      // "City leader 批示 +10"; the mode is not stated, once per level is this test's.
      instructions: { rows: [{ level: 'city', points: '10' }], mode: 'once_per_level' },
    },
    {
      pubs: [...Object.values(own), zjXx, zjZb, gbXx, gbZb],
      members,
      period: { from: '2021-01-01', to: '2021-12-31' },
      asOf: '2022-01-04',
    },
  );

  it('multiplies by route and level, and splits a 合报 three ways to the ten-thousandth', () => {
    const b = new FactsBuilder();
    const k1 = b.item('kc-1', 'kecheng');
    const k2 = b.item('kc-2', 'kecheng');
    b.adopt(k1, own.信息版!, '2021-02-01');
    b.adopt(k1, zjXx, '2021-02-05', { route: 'forwarded' }).adopt(k1, gbXx, '2021-02-20', {
      route: 'forwarded',
    });
    b.adopt(k2, zjZb, '2021-03-01', { route: 'direct' });
    const q1 = b.item('qj-1', 'qujiang');
    b.adopt(q1, own.专报!, '2021-04-01').adopt(q1, zjZb, '2021-04-05', { route: 'forwarded' });
    b.instruct(q1, 'city', '2021-04-02');
    const s1 = b.item('js-1', 'jiangshan');
    const s2 = b.item('js-2', 'jiangshan');
    b.adopt(s1, own.增刊!, '2021-05-01').adopt(s1, gbZb, '2021-05-10').adopt(s2, own.送阅件!, '2021-06-01');
    // A 合报 of all three (stored shares 500/300/200, ignored by 'even').
    const j1 = b.item('joint-1', { kecheng: 500, qujiang: 300, jiangshan: 200 });
    b.adopt(j1, own.信息版!, '2021-07-01').instruct(j1, 'city', '2021-07-02');

    const { table, entries } = run(b);
    expect(table).toEqual({
      // js-1: 增刊 10 + 国办专报 3 × 5 = 15; js-2: 送阅件 2 → 27; 合报 2/3 → 0.6667 and 10/3 → 3.3334
      // (each split's odd ten-thousandth goes to the first unit by id: jiangshan) → 31.0001
      江山市: ['31.0001', 1],
      // kc-1: 信息版 2 + 省 2 × 2 + 国办 2 × 5 = 16; kc-2: 省专报 direct 3 → 19;
      // 合报 0.6667 + 3.3333 → 23
      柯城区: ['23', 2],
      // qj-1: 专报 3 + 省专报 3 × 2 + 市批示 10 = 19; 合报 0.6666 + 3.3333 → 22.9999
      衢江区: ['22.9999', 3],
    });
    // The 合报's parts add up to its whole: 2 for the adoption, 10 for the instruction.
    const joint = entries.filter((e) => e.itemId === 'joint-1');
    expect(joint.map((e) => [e.unitId, e.kind, formatAmount(e.points), e.quantity])).toEqual([
      ['jiangshan', 'adoption', '0.6667', 334],
      ['jiangshan', 'instruction', '3.3334', 334],
      ['kecheng', 'adoption', '0.6667', 333],
      ['kecheng', 'instruction', '3.3333', 333],
      ['qujiang', 'adoption', '0.6666', 333],
      ['qujiang', 'instruction', '3.3333', 333],
    ]);
    expect(pointsOf(joint.filter((e) => e.kind === 'adoption'))).toBe('2');
    expect(pointsOf(joint.filter((e) => e.kind === 'instruction'))).toBe('10');
    expect(entries.find((e) => e.factId === 'kc-1:gb-xx')?.detail).toBe(
      '《kc-1》被国办信息全文采用，国办采用×5，10分',
    );
    expect(entries.find((e) => e.factId === 'kc-2:zj-zb')?.points).toBe(30_000); // direct: no ×2
  });
});

describe('六安 2013: sent to and adopted by upper offices, 合报 by share', () => {
  const zwyq: Pub = { id: 'la-zwyq', name: '政务要情', kind: '要情', tier: 'own' };
  const zwkx: Pub = { id: 'la-zwkx', name: '政务快讯', kind: '快讯', tier: 'own' };
  const kxzb: Pub = { id: 'la-kxzb', name: '快讯（专报）', kind: '专报', tier: 'own' };
  const ahXx: Pub = { id: 'ah-xx', name: '安徽政务信息', kind: '普刊', tier: 'province' };
  const gb: Pub = { id: 'gb-xx', name: '国办信息', kind: '普刊', tier: 'national' };
  const province = { id: 'ah-office', name: '安徽省政府办公厅', tier: 'province' as const };
  const guoban = { id: 'guoban', name: '国务院办公厅', tier: 'national' as const };
  const members = [office('jinan', '金安区'), office('yuan', '裕安区'), office('huoqiu', '霍邱县')];
  const { run } = setup(
    {
      groups: [{ code: 'counties', name: '县区', offices: true }],
      adoption: {
        rows: [
          { key: 'zwyq', publicationIds: ['la-zwyq'], points: '10' },
          { key: 'zwkx', publicationIds: ['la-zwkx'], points: '5' },
          { key: 'kxzb', publicationIds: ['la-kxzb'], points: '10' },
          { key: 'prov', label: '省采用', tiers: ['province'], points: '40' },
          { key: 'nat', label: '国办采用', tiers: ['national'], points: '80' },
        ],
        combine: 'sum',
      },
      forwarding: {
        rows: [
          { key: 'to-prov', label: '报省', tiers: ['province'], points: '5' },
          { key: 'to-nat', label: '报国办', tiers: ['national'], points: '30' },
        ],
      },
      // Shares are in thousandths on the item; this test picks 'share' for 六安.
      joint: 'share',
      // "City principal leader 批示 +30": only the city's principal leader's; a deputy's earns nothing.
      instructions: { rows: [{ level: 'city', rank: 'principal', points: '30' }], mode: 'once_per_level' },
    },
    {
      pubs: [zwyq, zwkx, kxzb, ahXx, gb],
      members,
      period: { from: '2013-01-01', to: '2013-12-31' },
      asOf: '2014-01-06',
    },
  );

  it('adds the sending and the adoption, and splits 合报 by the stored shares', () => {
    const b = new FactsBuilder();
    const i1 = b.item('ja-1', 'jinan');
    b.adopt(i1, zwyq, '2013-02-01').forward(i1, province, '2013-02-02').adopt(i1, ahXx, '2013-02-10');
    b.forward(i1, guoban, '2013-02-12').instruct(i1, 'city', '2013-02-03', '市长', 'principal');
    const j1 = b.item('joint-1', { jinan: 700, yuan: 300 });
    b.forward(j1, province, '2013-03-01').adopt(j1, ahXx, '2013-03-05');
    const [y1, y2, y3] = ['ya-1', 'ya-2', 'ya-3'].map((id) => b.item(id, 'yuan'));
    b.adopt(y1!, zwkx, '2013-04-01').adopt(y2!, kxzb, '2013-04-02');
    b.instruct(y1!, 'city', '2013-04-05', '副市长', 'deputy');
    b.forward(y3!, guoban, '2013-04-03').adopt(y3!, gb, '2013-04-20');
    const h1 = b.item('hq-1', 'huoqiu');
    const h2 = b.item('hq-2', 'huoqiu');
    b.forward(h1, province, '2013-05-01').adopt(h2, zwyq, '2013-05-02');
    // Written with a unit the city does not assess (a provincial department, 400‰): its share
    // of the points is not handed to 霍邱.
    const h3 = b.item('hq-3', { huoqiu: 600, 'ah-dept': 400 });
    b.adopt(h3, ahXx, '2013-06-01');

    const { table, entries } = run(b);
    expect(table).toEqual({
      // ja-1: 要情 10 + 报省 5 + 省采用 40 + 报国办 30 (not adopted) + 市长批示 30 = 115;
      // joint-1 at 700‰: 报省 5 × 0.7 = 3.5, 省采用 40 × 0.7 = 28 → 146.5
      金安区: ['146.5', 1],
      // 快讯 5 + 快讯专报 10 + 报国办 30 + 国办采用 80 = 125 (副市长's 批示 earns nothing);
      // joint-1 at 300‰: 1.5 + 12 → 138.5
      裕安区: ['138.5', 2],
      // 报省 5 + 要情 10 + hq-3 at 600‰ of 40 = 24 → 39
      霍邱县: ['39', 3],
    });
    expect(entries.filter((e) => e.itemId === 'hq-3').map((e) => [e.unitId, e.points, e.quantity])).toEqual([
      ['huoqiu', 240_000, 600],
    ]);
    expect(ofKind(entries, 'jinan', 'forward').map((e) => e.detail)).toEqual([
      '《ja-1》报送安徽省政府办公厅，5分',
      '《ja-1》报送国务院办公厅，30分',
      '《joint-1》报送安徽省政府办公厅，5分（合报，分得0.7）',
    ]);
  });
});

describe('连云港: own and provincial rows, instructions added up, adoptions accumulate', () => {
  const zrqk: Pub = { id: 'lyg-zrqk', name: '昨日情况', kind: '要情', tier: 'own' };
  const zwjy: Pub = { id: 'lyg-zwjy', name: '政务建议', kind: '建议', tier: 'own' };
  const jsXx: Pub = { id: 'js-xx', name: '江苏政务信息', kind: '普刊', tier: 'province' };
  const jsZb: Pub = { id: 'js-zb', name: '江苏专报', kind: '专报', tier: 'province' };
  const jsWeb: Pub = { id: 'js-web', name: '江苏政务信息网', kind: '互联网', tier: 'province' };
  const gb: Pub = { id: 'gb-xx', name: '国办信息', kind: '普刊', tier: 'national' };
  const members = [office('haizhou', '海州区'), office('ganyu', '赣榆区'), office('donghai', '东海县')];
  const { run } = setup(
    {
      groups: [{ code: 'counties', name: '县区', offices: true }],
      adoption: {
        // "昨日情况 3 (简讯 1)": a 简讯 adoption there earns 1. "Province: 10 / 20 (调研 30) / 互联网
        // 5" read as: 普刊 10, 专报 20, a 调研 item in any provincial print publication 30, the
        // provincial website column 5. The first matching row wins, so specific rows come first.
        rows: [
          { key: 'zrqk-brief', publicationIds: ['lyg-zrqk'], adoptionKinds: ['简讯'], points: '1' },
          { key: 'zrqk', publicationIds: ['lyg-zrqk'], points: '3' },
          { key: 'zwjy', publicationIds: ['lyg-zwjy'], points: '20' },
          { key: 'prov-web', tiers: ['province'], publicationKinds: ['互联网'], points: '5' },
          { key: 'prov-research', tiers: ['province'], categories: ['research'], points: '30' },
          { key: 'prov-zb', tiers: ['province'], publicationKinds: ['专报'], points: '20' },
          { key: 'prov', tiers: ['province'], points: '10' },
          { key: 'nat', tiers: ['national'], points: '50' },
        ],
        combine: 'sum',
      },
      joint: 'even',
      // The table does not say whether two instructions add up; 'sum' is this test's reading.
      instructions: {
        rows: [
          { level: 'province', points: '50' },
          { level: 'state_council', points: '100' },
        ],
        mode: 'sum',
      },
    },
    {
      pubs: [zrqk, zwjy, jsXx, jsZb, jsWeb, gb],
      members,
      period: { from: '2019-01-01', to: '2019-12-31' },
      asOf: '2020-01-03',
    },
  );

  it('accumulates every adoption and every instruction', () => {
    const b = new FactsBuilder();
    const h1 = b.item('hz-1', 'haizhou');
    b.adopt(h1, zrqk, '2019-03-01').adopt(h1, jsXx, '2019-03-02').adopt(h1, jsWeb, '2019-03-03');
    b.adopt(h1, gb, '2019-03-10');
    b.instruct(h1, 'province', '2019-03-04').instruct(h1, 'province', '2019-03-05');
    b.instruct(h1, 'state_council', '2019-03-12');
    const g1 = b.item('gy-1', 'ganyu');
    const g2 = b.item('gy-2', 'ganyu');
    const g3 = b.item('gy-3', 'ganyu', { category: 'research' });
    b.adopt(g1, zrqk, '2019-04-01', { adoptionKind: '简讯' }).adopt(g2, zwjy, '2019-04-02');
    b.adopt(g3, jsXx, '2019-04-03').adopt(g3, jsZb, '2019-04-04');
    const d1 = b.item('dh-1', 'donghai', { category: 'research' });
    const d2 = b.item('dh-2', 'donghai');
    b.adopt(d1, jsWeb, '2019-05-01').adopt(d2, gb, '2019-05-02').instruct(d2, 'state_council', '2019-05-03');
    const { table, entries } = run(b);
    expect(table).toEqual({
      // hz-1: 昨日情况 3 + 省普刊 10 + 省网 5 + 国办 50 + 省批示 50 × 2 + 国务院批示 100 = 268
      海州区: ['268', 1],
      // dh-1: 调研 on the website still takes the 互联网 row, 5; dh-2: 国办 50 + 国务院批示 100 → 155
      东海县: ['155', 2],
      // gy-1: 简讯 1; gy-2: 政务建议 20; gy-3 (调研): 省普刊 30 and 省专报 30 (调研 row first) → 81
      赣榆区: ['81', 3],
    });
    expect(ofKind(entries, 'ganyu', 'adoption').map((e) => [e.factId, e.ruleKey])).toEqual([
      ['gy-1:lyg-zrqk', 'zrqk-brief'],
      ['gy-2:lyg-zwjy', 'zwjy'],
      ['gy-3:js-xx', 'prov-research'],
      ['gy-3:js-zb', 'prov-research'],
    ]);
  });
});

describe('广元 2008: website text and pictures, the highest instruction, penalties', () => {
  const pk: Pub = { id: 'gy-pk', name: '广元政务信息', kind: '普刊', tier: 'own' };
  const zb: Pub = { id: 'gy-zb', name: '广元专报', kind: '专报', tier: 'own' };
  const web: Pub = { id: null, name: '广元市人民政府网', kind: '网站', tier: 'own', outlet: 'website' };
  const gb: Pub = { id: 'gb-xx', name: '国办信息', kind: '普刊', tier: 'national' };
  const members = [office('lizhou', '利州区'), office('zhaohua', '昭化区'), office('chaotian', '朝天区')];
  const { run } = setup(
    {
      groups: [{ code: 'districts', name: '区县', offices: true }],
      adoption: {
        // "2 / 5" read as the city's 普刊 2 and 专报 5.
        rows: [
          { key: 'pk', tiers: ['own'], publicationKinds: ['普刊'], points: '2' },
          { key: 'zb', tiers: ['own'], publicationKinds: ['专报'], points: '5' },
          { key: 'web', label: '网站', outlet: 'website', points: '1', picturePoints: '0.5' },
          { key: 'nat', tiers: ['national'], points: '10' },
        ],
        combine: 'sum',
      },
      joint: 'even',
      // "国务院 20 / province 10 / city 5": how several combine is not said; 'highest' is this
      // test's reading (an item counts its best instruction only).
      instructions: {
        rows: [
          { level: 'state_council', points: '20' },
          { level: 'province', points: '10' },
          { level: 'city', points: '5' },
        ],
        mode: 'highest',
      },
      // "missed 约稿 or missing 批示 feedback −10 each".
      commissions: { missedPenalty: '10' },
      penalties: { instructionOverdue: '10' },
    },
    { pubs: [pk, zb, gb], members, period: { from: '2008-01-01', to: '2008-12-31' }, asOf: '2009-01-08' },
  );

  it('pays pictures at 0.5, counts the best instruction, deducts 10 per miss', () => {
    const b = new FactsBuilder();
    const l1 = b.item('lz-1', 'lizhou');
    const l2 = b.item('lz-2', 'lizhou');
    b.adopt(l1, pk, '2008-03-01').adopt(l1, web, '2008-03-02', { pictures: 3 });
    b.instruct(l1, 'city', '2008-03-03', '市长').instruct(l1, 'province', '2008-03-04', '省长');
    b.adopt(l2, zb, '2008-04-01').commission('lizhou', '2008-06-30', 'missed');
    const z1 = b.item('zh-1', 'zhaohua');
    const z2 = b.item('zh-2', 'zhaohua');
    b.adopt(z1, gb, '2008-05-01')
      .instruct(z1, 'state_council', '2008-05-02')
      .instruct(z1, 'city', '2008-05-03');
    b.assign('zhaohua', '2008-05-20', 'overdue').assign('zhaohua', '2008-06-20', 'on_time');
    b.adopt(z2, web, '2008-07-01');
    const c1 = b.item('ct-1', 'chaotian');
    const c2 = b.item('ct-2', 'chaotian');
    b.adopt(c1, zb, '2008-08-01').adopt(c1, web, '2008-08-02', { pictures: 3 }).adopt(c2, pk, '2008-08-03');
    b.commission('chaotian', '2008-09-30', 'answered').assign('chaotian', '2008-10-20', 'late');
    const { table, entries } = run(b);
    expect(table).toEqual({
      // zh-1: 国办 10 + the 国务院 instruction 20 (the city one not counted) = 30; overdue −10;
      // on time 0; zh-2: website text 1, no pictures → 21
      昭化区: ['21', 1],
      // lz-1: 普刊 2 + website 1 + 3 × 0.5 + the provincial instruction 10 (city one not counted)
      // = 14.5; lz-2: 专报 5; missed 约稿 −10 → 9.5
      利州区: ['9.5', 2],
      // ct-1: 专报 5 + website 1 + 3 × 0.5; ct-2: 普刊 2 → 9.5 (answered 约稿 and late feedback
      // cost nothing: no such rule) — tied with 利州, both ranked 2
      朝天区: ['9.5', 2],
    });
    expect(entries.find((e) => e.factId === 'lz-1:website')?.detail).toBe(
      '《lz-1》被广元市人民政府网全文采用，图片3张，2.5分',
    );
    expect(ofKind(entries, 'lizhou', 'instruction').map((e) => [formatAmount(e.points), e.detail])).toEqual([
      ['0', '《lz-1》获市长批示，按最高级别批示计分，本次不计分'],
      ['10', '《lz-1》获省长批示，加10分'],
    ]);
    expect(ofKind(entries, 'lizhou', 'commission')[0]?.detail).toBe('约稿“专题”未报送，扣10分');
    expect(ofKind(entries, 'zhaohua', 'assignment').map((e) => e.points)).toEqual([-100_000, 0]);
  });
});

describe('A district bureau: adoption by level and category, quarterly base, short, late, rate', () => {
  // The bureau's own level is the district: its TIERS 'own' is the district government office
  // (本级), 'city' and 'province'/'national' the levels above.
  const district: Pub = { id: 'qu-xx', name: '区政务信息', kind: '普刊', tier: 'own' };
  const city: Pub = { id: 'shi-xx', name: '市政务信息', kind: '普刊', tier: 'city' };
  const prov: Pub = { id: 'sheng-xx', name: '省政务信息', kind: '普刊', tier: 'province' };
  const members = [
    unit('bgs', '办公室', null, 'city_dept'),
    unit('ghk', '规划科', null, 'city_dept'),
    unit('zfdd', '执法大队', null, 'city_dept'),
  ];
  const input: RulesInput = {
    groups: [{ code: 'sections', name: '科室', unitIds: ['bgs', 'ghk', 'zfdd'] }],
    adoption: {
      // "district 10 (调研 20), city 15 (30), province+ 30 (50)".
      rows: [
        { key: 'd-research', tiers: ['own'], categories: ['research'], points: '20' },
        { key: 'd', tiers: ['own'], points: '10' },
        { key: 'c-research', tiers: ['city'], categories: ['research'], points: '30' },
        { key: 'c', tiers: ['city'], points: '15' },
        { key: 'p-research', tiers: ['province', 'national'], categories: ['research'], points: '50' },
        { key: 'p', tiers: ['province', 'national'], points: '30' },
      ],
      combine: 'sum',
    },
    joint: 'even',
    // "批示 +10 / +20 / +40": district (county-level) leaders 10, city 20, province and above 40.
    instructions: {
      rows: [
        { level: 'county', points: '10' },
        { level: 'city', points: '20' },
        { level: 'province', points: '40' },
        { level: 'state_council', points: '40' },
      ],
      mode: 'once_per_level',
    },
    // "late −1" read as both a late urgent report and a late answer to a commission.
    commissions: { latePenalty: '1' },
    penalties: {
      lateUrgent: '1',
      // "adoption rate < 30 % −1", judged per quarter like the base.
      lowAdoptionRate: { belowPercent: 30, period: 'quarter', penalty: '1' },
    },
    // "base 6 a quarter; short of quota −1 per item": the quota itself is not given, 5 items a
    // quarter is this test's.
    quotas: [
      {
        key: 'quarter',
        label: '季度任务',
        period: 'quarter',
        counts: 'submitted',
        min: 5,
        basePoints: '6',
        shortPenaltyPerItem: '1',
      },
    ],
  };
  const o = {
    pubs: [district, city, prov],
    members,
    period: { from: '2022-01-01', to: '2022-12-31' },
    asOf: '2022-07-10', // Q1 and Q2 have ended
  };

  function facts() {
    const b = new FactsBuilder();
    // 办公室: Q1 5 submitted, 2 adopted (40 %); Q2 6 submitted, 2 adopted (33.3 %).
    const bq1 = b.submitMany('bgs', 4, '2022-01-10', 'bgs-q1');
    const bRes = b.submit(b.item('bgs-q1-res', 'bgs', { category: 'research' }), '2022-02-10');
    b.adopt(bq1[0]!, district, '2022-01-15').adopt(bRes, city, '2022-02-20');
    const bq2 = b.submitMany('bgs', 5, '2022-04-10', 'bgs-q2');
    const bRes2 = b.submit(b.item('bgs-q2-res', 'bgs', { category: 'research' }), '2022-05-10');
    b.adopt(bq2[0]!, prov, '2022-04-20').adopt(bRes2, district, '2022-05-20');
    b.instruct(bq2[0]!, 'province', '2022-04-25').instruct(bq2[0]!, 'province', '2022-04-26');
    // 规划科: Q1 4 submitted (one urgent, late), 1 adopted (25 %); Q2 5 submitted, none adopted.
    const gq1 = b.submitMany('ghk', 3, '2022-02-01', 'ghk-q1');
    b.submit(b.item('ghk-q1-urgent', 'ghk'), '2022-02-02', { lateUrgent: true });
    b.adopt(gq1[0]!, city, '2022-02-10').instruct(gq1[0]!, 'county', '2022-02-11');
    b.submitMany('ghk', 5, '2022-05-01', 'ghk-q2');
    b.commission('ghk', '2022-03-15', 'late');
    // 执法大队: nothing in Q1; Q2 3 submitted, a 调研 adopted by the province (33.3 %).
    b.submitMany('zfdd', 2, '2022-06-01', 'zfdd-q2');
    const zRes = b.submit(b.item('zfdd-q2-res', 'zfdd', { category: 'research' }), '2022-06-02');
    b.adopt(zRes, prov, '2022-06-20');
    return b;
  }

  it('adds the quarterly base, deducts per item short, late reports and a low rate', () => {
    const { run } = setup(input, o);
    const { table, entries } = run(facts());
    expect(table).toEqual({
      // Q1: 区 10 + 市调研 30 + base 6; Q2: 省 30 + 区调研 20 + base 6 (6 ≥ 5; no extra rule)
      // + 省批示 40 (the second provincial one not counted) → 142
      办公室: ['142', 1],
      // Q1: nothing submitted: short 5 → −5, no rate (nothing to rate); Q2: 3 of 5 → −2;
      // 省调研 50 → 43
      执法大队: ['43', 2],
      // Q1: 4 of 5 → −1; 市 15; 县级批示 10; urgent late −1; rate 1/4 = 25 % → −1; 约稿 late −1;
      // Q2: base 6; rate 0/5 → −1 → 26
      规划科: ['26', 3],
    });
    expect(ofKind(entries, 'ghk', 'adoption_rate').map((e) => e.detail)).toEqual([
      '2022年第一季度采用率25.0%，低于30%，扣1分',
      '2022年第二季度采用率0.0%，低于30%，扣1分',
    ]);
    expect(ofKind(entries, 'ghk', 'commission').map((e) => [e.ruleKey, e.points, e.detail])).toEqual([
      [null, 0, '约稿“专题”逾期报送'],
      ['late', -10_000, '约稿“专题”逾期报送，扣1分'],
    ]);
    expect(ofKind(entries, 'ghk', 'late_urgent').map((e) => e.detail)).toEqual([
      '紧急信息《ghk-q1-urgent》迟报，扣1分',
    ]);
    expect(ofKind(entries, 'zfdd', 'quota').map((e) => e.detail)).toEqual([
      '2022年第一季度季度任务：报送0条，少于5条任务，扣5分',
      '2022年第二季度季度任务：报送3条，少于5条任务，扣2分',
    ]);
    // The third quarter has not ended on 10 July: nothing periodic is dated after June.
    expect(entries.filter((e) => e.on > '2022-06-30')).toEqual([]);
  });

  it('with a floor of 0 and a cap of 100 (no row names them; §3 "optionally floored, capped")', () => {
    const { run } = setup({ ...input, floor: '0', cap: '100' }, o);
    const b = facts();
    // Without its adoption 执法大队 ends below zero.
    b.facts.adoptions = b.facts.adoptions.filter((f) => f.credits[0]?.unitId !== 'zfdd');
    const { table, entries } = run(b);
    expect(table).toEqual({
      办公室: ['100', 1], // 142 capped: a cap entry of −42
      规划科: ['26', 2], // within the bounds, unchanged
      // Q1 short 5 → −5; Q2 short 2 → −2 and now rate 0/3 → −1: −8, floored: a floor entry of +8
      执法大队: ['0', 3],
    });
    expect(ofKind(entries, 'bgs', 'cap').map((e) => [e.on, formatAmount(e.points), e.detail])).toEqual([
      ['2022-07-10', '-42', '超过最高分100分，按最高分计'],
    ]);
    expect(ofKind(entries, 'zfdd', 'floor').map((e) => [formatAmount(e.points), e.detail])).toEqual([
      ['8', '低于最低分0分，按最低分计'],
    ]);
  });
});

describe('A county rule: the highest level reached, 中办 above 国办, 调研/理论 ×2, a yearly base', () => {
  const xianYq: Pub = { id: 'xian-yq', name: '县要情', kind: '要情', tier: 'own' };
  const swb: Pub = { id: 'swb-xx', name: '市委办信息', kind: '普刊', tier: 'city' };
  const sheng: Pub = { id: 'sheng-xx', name: '省办信息', kind: '普刊', tier: 'province' };
  // 中办 and 国办 share the tier 'national'; the row names 中办 as the adopting office, so every
  // publication of 中办 scores 50.
  const guoban: Pub = { id: 'gb-xx', name: '国办信息', kind: '普刊', tier: 'national', officeId: 'gb' };
  const zhongban: Pub = { id: 'zb-xx', name: '中办信息', kind: '普刊', tier: 'national', officeId: 'zb' };
  const members = [
    unit('chengguan', '城关镇', null, 'township'),
    unit('chengbei', '城北镇', null, 'township'),
    unit('jyj', '县教育局', null, 'city_dept'),
  ];
  const { run } = setup(
    {
      groups: [
        { code: 'towns', name: '乡镇', unitCategories: ['township'] },
        { code: 'depts', name: '部门', unitCategories: ['city_dept'] },
      ],
      adoption: {
        rows: [
          { key: 'zhongban', label: '中办', adopterOfficeIds: ['zb'], points: '50' },
          { key: 'guoban', label: '国办', tiers: ['national'], points: '30' },
          { key: 'shengban', label: '省办', tiers: ['province'], points: '20' },
          { key: 'shiweiban', label: '市委办', tiers: ['city'], points: '10' },
          { key: 'xian', label: '县要情', publicationIds: ['xian-yq'], points: '10' },
        ],
        // "县要情 10; 市委办 10; 省办 20; 国办 30; 中办 50" read as a ladder: an item scores the
        // highest level that adopted it (combine: max).
        combine: 'max',
        // 理论 is not a default item category; the registry in this test has added it.
        multipliers: [{ key: 'long', label: '调研理论', categories: ['research', 'theory'], factor: '2' }],
      },
      joint: 'even',
      // "≥ 15 items a year earns 50 base points" (submitted items).
      quotas: [
        { key: 'year', label: '年度任务', period: 'year', counts: 'submitted', min: 15, basePoints: '50' },
      ],
    },
    {
      pubs: [xianYq, swb, sheng, guoban, zhongban],
      members,
      period: { from: '2020-01-01', to: '2020-12-31' },
      asOf: '2021-01-10',
      itemCategories: ['theory'],
      adopterOffices: new Map([
        ['gb', '国务院办公厅'],
        ['zb', '中共中央办公厅'],
      ]),
    },
  );

  it('takes the best adoption per item, after the multiplier', () => {
    const b = new FactsBuilder();
    const cg = b.submitMany('chengguan', 12, '2020-03-01', 'cg');
    const c2 = b.submit(b.item('cg-research', 'chengguan', { category: 'research' }), '2020-04-01');
    const c3 = b.submit(b.item('cg-theory', 'chengguan', { category: 'theory' }), '2020-05-01');
    b.submit(b.item('cg-last', 'chengguan'), '2020-06-01');
    b.adopt(cg[0]!, xianYq, '2020-03-05')
      .adopt(cg[0]!, sheng, '2020-03-10')
      .adopt(cg[0]!, guoban, '2020-03-20');
    b.adopt(c2, xianYq, '2020-04-05').adopt(c2, swb, '2020-04-10');
    b.adopt(c3, zhongban, '2020-05-20');
    const cb = b.submitMany('chengbei', 16, '2020-07-01', 'cb');
    b.adopt(cb[0]!, sheng, '2020-07-10');
    const jy = b.submitMany('jyj', 14, '2020-08-01', 'jy');
    b.adopt(jy[0]!, guoban, '2020-08-10').adopt(jy[1]!, xianYq, '2020-08-11');

    const { table, entries } = run(b);
    expect(table).toEqual({
      // 15 submitted → base 50; cg-1: max(县 10, 省 20, 国办 30) = 30; cg-research: max(县 10 × 2,
      // 市委办 10 × 2) = 20 (a tie: the earlier adoption counts); cg-theory: 中办 50 × 2 = 100 → 200
      城关镇: ['200', 1],
      城北镇: ['70', 2], // 16 submitted → 50; 省 20
      县教育局: ['40', 1], // 14 < 15: no base, no penalty named; 国办 30 + 县要情 10
    });
    expect(ofKind(entries, 'chengguan', 'adoption').map((e) => [e.factId, formatAmount(e.points)])).toEqual([
      ['cg-1:xian-yq', '0'],
      ['cg-1:sheng-xx', '0'],
      ['cg-1:gb-xx', '30'],
      ['cg-research:xian-yq', '20'],
      ['cg-research:swb-xx', '0'],
      ['cg-theory:zb-xx', '100'],
    ]);
    expect(entries.find((e) => e.factId === 'cg-research:swb-xx')?.detail).toBe(
      '《cg-research》被市委办信息全文采用，同一信息多次采用按最高分计，本次不计分',
    );
    expect(ofKind(entries, 'chengguan', 'quota')[0]?.detail).toBe(
      '2020年年度任务：报送15条，完成15条任务，50分',
    );
  });
});

describe('One city (§1): two or more missed commissions zero the unit’s year', () => {
  const pk: Pub = { id: 'city-pk', name: '政务信息', kind: '普刊', tier: 'own' };
  const members = [office('a', '甲县'), office('b', '乙县'), office('c', '丙县')];
  const { run } = setup(
    {
      groups: [{ code: 'counties', name: '县', offices: true }],
      adoption: { rows: [{ key: 'pk', publicationIds: ['city-pk'], points: '5' }], combine: 'sum' },
      joint: 'even',
      // Points and penalties for commissions are this test's; the zero-out is the city's rule.
      commissions: { answeredPoints: '2', missedPenalty: '5' },
      zeroOut: [{ key: 'missed2', label: '约稿清零', when: 'commissions_missed', atLeast: 2 }],
    },
    { pubs: [pk], members, period: { from: '2023-01-01', to: '2023-12-31' }, asOf: '2024-01-05' },
  );

  it('zeroes a unit with two misses in the year, not one with a miss the year before', () => {
    const b = new FactsBuilder();
    for (const [id, n] of [
      ['a', 3],
      ['b', 2],
      ['c', 2],
    ] as const) {
      for (let i = 1; i <= n; i++) b.adopt(b.item(`${id}-${i}`, id), pk, `2023-0${i}-10`);
    }
    b.commission('a', '2023-02-28', 'answered').commission('a', '2023-03-31', 'missed');
    b.commission('a', '2023-09-30', 'missed');
    b.commission('b', '2023-04-30', 'missed');
    b.commission('c', '2022-12-20', 'missed').commission('c', '2023-05-31', 'missed');
    b.commission('c', '2023-06-30', 'declined');
    const { table, entries } = run(b);
    expect(table).toEqual({
      乙县: ['5', 1], // 5 + 5 − 5
      丙县: ['5', 1], // 5 + 5 − 5 (the 2022 miss is outside the year; declining is not missing)
      甲县: ['0', 3], // 15 + 2 − 5 − 5 = 7, then the zero-out entry −7
    });
    expect(ofKind(entries, 'a', 'zero_out').map((e) => [e.on, formatAmount(e.points), e.detail])).toEqual([
      ['2023-12-31', '-7', '约稿未报送达2次，本期得分清零'],
    ]);
  });
});

describe('加减分登记: the office’s own additions and deductions, before the floor and the cap', () => {
  const pk: Pub = { id: 'county-pk', name: '政务信息', kind: '普刊', tier: 'own' };
  const members = [unit('u1', '发改局', 'dept_1', 'city_dept'), unit('u2', '财政局', 'dept_1', 'city_dept')];
  const { run } = setup(
    {
      groups: [{ code: 'depts', name: '部门', unitGroups: ['dept_1'] }],
      adoption: { rows: [{ key: 'pk', publicationIds: ['county-pk'], points: '10' }], combine: 'sum' },
      joint: 'even',
      floor: '0',
      cap: '25',
    },
    { pubs: [pk], members, period: { from: '2025-01-01', to: '2025-12-31' }, asOf: '2026-01-05' },
  );

  it('adds and deducts exact amounts, dated, outside the period ignored, then floors and caps', () => {
    const b = new FactsBuilder();
    b.adopt(b.item('a1', 'u1'), pk, '2025-03-01').adopt(b.item('a2', 'u1'), pk, '2025-04-01');
    b.adjust('u1', '2025-05-10', '8.5', '承办全县信息工作培训', '县政办〔2025〕12号');
    b.adjust('u1', '2024-12-30', '100', '上年度的加分');
    b.adopt(b.item('b1', 'u2'), pk, '2025-03-02');
    b.adjust('u2', '2025-06-01', '-12.25', '紧急信息漏报，造成被动');
    const { table, entries } = run(b);
    expect(table).toEqual({
      发改局: ['25', 1], // 20 + 8.5 = 28.5, capped at 25
      财政局: ['0', 2], // 10 − 12.25 = −2.25, floored at 0
    });
    expect(ofKind(entries, 'u1', 'adjustment').map((e) => [e.on, formatAmount(e.points), e.detail])).toEqual([
      ['2025-05-10', '8.5', '加8.5分：承办全县信息工作培训（依据：县政办〔2025〕12号）'],
    ]);
    expect(ofKind(entries, 'u2', 'adjustment')[0]?.detail).toBe('扣12.25分：紧急信息漏报，造成被动');
  });
});
