/**
 * The rule set's checks: `rulesSchema` (shape, amounts, strictness, with the Chinese messages),
 * `validateRules` (against the office's registry and publications) and `explainRules` (one
 * Chinese sentence per rule).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ExplainContext, explainRules } from './explain.ts';
import type { DayRange } from './periods.ts';
import { type RulesInput, rulesSchema } from './rules.ts';
import { contextFor, office, type Pub, unit } from './test-facts.ts';
import { groupOf, validateRules } from './validate.ts';

const zhCN = { error: z.locales.zhCN().localeError };
/** The messages of a rule set the schema rejects (the product parses with the zh-CN locale). */
const rejected = (input: unknown): string[] => {
  const r = rulesSchema.safeParse(input, zhCN);
  expect(r.success).toBe(false);
  return r.error?.issues.map((i) => i.message) ?? [];
};

const p1: Pub = { id: 'p1', name: '每日要情', kind: '每日要情', tier: 'own' };
const p2: Pub = { id: 'p2', name: '专报', kind: '专报', tier: 'own' };
const stopped: Pub = { id: 'p9', name: '旧简报', kind: '普刊', tier: 'own' };
const members = [
  office('c1', '甲县'),
  unit('d1', '发改局', 'dept_1', 'city_dept'),
  unit('t1', '城关镇', 'township', 'township'),
];
const ctx = contextFor([p1, p2], members, { stopped: [stopped] });
const PERIOD: DayRange = { from: '2026-01-01', to: '2026-12-31' };
const TODAY = '2026-03-15';

const base = (): RulesInput => ({
  groups: [
    { code: 'cnty', name: '县区', offices: true },
    { code: 'dept', name: '部门', unitGroups: ['dept_1', 'dept_2', 'dept_3'] },
    { code: 'town', name: '乡镇', unitGroups: ['township'] },
  ],
  adoption: { rows: [{ key: 'r1', label: '每日要情', publicationIds: ['p1'], points: '3' }], combine: 'sum' },
  joint: 'even',
});
/** The problems of the base rule set after `change`, checked for the period. */
const problems = (change: (r: RulesInput) => void, period = PERIOD) => {
  const input = base();
  change(input);
  return validateRules(rulesSchema.parse(input), period, TODAY, ctx);
};

describe('validateRules', () => {
  it('finds nothing wrong with a fitting rule set', () => {
    expect(problems(() => {})).toEqual([]);
    // Every member falls in exactly one group.
    const rules = rulesSchema.parse(base());
    expect(members.map((m) => groupOf(rules, m))).toEqual(['cnty', 'dept', 'town']);
  });

  it('names a publication that does not exist', () => {
    expect(
      problems((r) => {
        r.adoption.rows[0]!.publicationIds = ['nope'];
      }),
    ).toEqual(['采用计分第1条（每日要情）引用的刊物不存在或不可用于本办公室']);
  });

  it('names a stopped publication', () => {
    expect(
      problems((r) => {
        r.adoption.rows[0]!.publicationIds = ['p9'];
      }),
    ).toEqual(['采用计分第1条（每日要情）引用的刊物《旧简报》已停用']);
    expect(
      problems((r) => {
        r.adoption.multipliers = [{ key: 'm', label: '旧刊加倍', publicationIds: ['p9'], factor: '2' }];
      }),
    ).toEqual(['倍数规则“旧刊加倍”引用的刊物《旧简报》已停用']);
  });

  it('counts a key used twice, across rows, multipliers and quotas', () => {
    expect(
      problems((r) => {
        r.adoption.rows.push({ key: 'r1', label: '专报', publicationIds: ['p2'], points: '10' });
      }),
    ).toEqual(['规则编号“r1”重复使用了2次']);
    expect(
      problems((r) => {
        r.adoption.multipliers = [{ key: 'r1', tiers: ['national'], factor: '5' }];
        r.quotas = [{ key: 'r1', period: 'month', counts: 'submitted', min: 1, basePoints: '1' }];
      }),
    ).toEqual(['规则编号“r1”重复使用了3次']);
  });

  it('finds an adoption row that an earlier row shadows, and accepts the specific one first', () => {
    const general = { key: 'own', label: '本级', tiers: ['own' as const], points: '3' };
    const specific = {
      key: 'own-zb',
      label: '本级专报',
      tiers: ['own' as const],
      publicationKinds: ['专报'],
      points: '10',
    };
    expect(
      problems((r) => {
        r.adoption.rows = [general, specific];
      }),
    ).toEqual([
      '采用计分第2条（本级专报）永远不会生效：前面的“本级”已包含它的全部情形（请把更具体的规则排在前面）',
    ]);
    expect(
      problems((r) => {
        r.adoption.rows = [specific, general];
      }),
    ).toEqual([]);
  });

  it('refuses a floor above the cap', () => {
    expect(
      problems((r) => {
        r.floor = '50';
        r.cap = '10';
      }),
    ).toEqual(['最低分高于最高分']);
    expect(
      problems((r) => {
        r.floor = '10';
        r.cap = '10';
      }),
    ).toEqual([]);
  });

  it('names a quota’s missing group', () => {
    expect(
      problems((r) => {
        r.quotas = [
          {
            key: 'q',
            label: '月度任务',
            groups: ['nope'],
            period: 'month',
            counts: 'submitted',
            min: 1,
            basePoints: '1',
          },
        ];
      }),
    ).toEqual(['任务规则“月度任务”引用的排名分组“nope”不存在']);
  });

  it('refuses a period in the future, and one that ends before it starts', () => {
    expect(problems(() => {}, { from: '2026-06-01', to: '2026-12-31' })).toEqual([
      '考核期间从2026-06-01开始，尚未到来',
    ]);
    expect(problems(() => {}, { from: '2026-03-01', to: '2026-02-28' })).toEqual([
      '考核期间的开始日期晚于结束日期',
    ]);
  });

  it('names a unit claimed by two groups', () => {
    expect(
      problems((r) => {
        r.groups.push({ code: 'key', name: '重点单位', unitIds: ['d1'] });
      }),
    ).toEqual(['单位“发改局”同时属于排名分组“部门”和“重点单位”']);
  });

  it('says the other problems too', () => {
    const cases: [string, (r: RulesInput) => void, string[]][] = [
      [
        'a group without units',
        (r) => r.groups.push({ code: 'empty', name: '空组' }),
        ['排名分组“空组”没有指定包含哪些单位'],
      ],
      [
        'a duplicate group code',
        (r) => r.groups.push({ code: 'town', name: '乡镇二', unitCategories: ['subdistrict'] }),
        ['排名分组“乡镇二”的编号“town”重复'],
      ],
      [
        'unknown registry codes',
        (r) => {
          r.groups[1]!.unitGroups = ['dept_1', 'dept_9'];
          r.groups.push({ code: 'x', name: '其他', unitCategories: ['nope'], unitIds: ['zz'] });
        },
        [
          '排名分组“部门”引用的考核分组“dept_9”不存在',
          '排名分组“其他”引用的单位类别“nope”不存在',
          '排名分组“其他”引用的单位不是本办公室的报送单位',
        ],
      ],
      [
        'an unknown item category',
        (r) => {
          r.adoption.rows[0]!.categories = ['theory'];
        },
        ['采用计分第1条（每日要情）引用的信息类别“theory”不存在'],
      ],
      [
        'picture points outside the website',
        (r) => {
          r.adoption.rows[0]!.picturePoints = '0.5';
        },
        ['采用计分第1条（每日要情）设置了图片分值，但只适用于网站或互联网采用'],
      ],
      [
        'a factor of 0',
        (r) => {
          r.adoption.multipliers = [{ key: 'm0', tiers: ['city'], factor: '0' }];
        },
        ['倍数规则“m0”的倍数为0，会使采用不得分；不计分请删除对应的采用计分规则'],
      ],
      [
        'an instruction level twice',
        (r) => {
          r.instructions = {
            rows: [
              { level: 'city', points: '10' },
              { level: 'city', points: '20' },
            ],
            mode: 'sum',
          };
        },
        ['批示加分中同一批示级别设置了两次'],
      ],
      [
        'a principal leader row twice (a row per rank is fine)',
        (r) => {
          r.instructions = {
            rows: [
              { level: 'city', rank: 'principal', points: '30' },
              { level: 'city', rank: 'deputy', points: '20' },
              { level: 'city', points: '10' },
              { level: 'city', rank: 'principal', points: '40' },
            ],
            mode: 'sum',
          };
        },
        ['批示加分中同一批示级别的主要领导批示设置了两次'],
      ],
      [
        'an adopting office that is not above the office',
        (r) => {
          r.adoption.rows[0]!.adopterOfficeIds = ['elsewhere'];
          r.adoption.multipliers = [{ key: 'm1', adopterOfficeIds: ['elsewhere'], factor: '2' }];
        },
        [
          '采用计分第1条（每日要情）引用的采用机关不是本办公室或其上级办公室',
          '倍数规则“m1”引用的采用机关不是本办公室或其上级办公室',
        ],
      ],
      [
        'a required quota that is missing, itself or later',
        (r) => {
          r.quotas = [
            { key: 'q1', period: 'month', counts: 'submitted', min: 8, basePoints: '10', requires: 'q9' },
            { key: 'q2', period: 'month', counts: 'submitted', min: 8, basePoints: '10', requires: 'q2' },
            { key: 'q3', period: 'month', counts: 'submitted', min: 8, basePoints: '10', requires: 'q4' },
            { key: 'q4', period: 'quarter', counts: 'submitted', min: 1 },
          ];
        },
        [
          '任务规则“q1”的前提任务“q9”不存在',
          '任务规则“q2”不能以自身为前提任务',
          '任务规则“q3”的前提任务须排在它前面（避免互为前提）',
        ],
      ],
      [
        'quotas that do nothing or cap nothing',
        (r) => {
          r.quotas = [
            { key: 'q1', period: 'month', counts: 'submitted', min: 1 },
            {
              key: 'q2',
              label: '季度',
              period: 'quarter',
              counts: 'adopted',
              min: 1,
              basePoints: '1',
              extraCap: '5',
            },
          ];
        },
        ['任务规则“q1”既不加分也不扣分', '任务规则“季度”设置了超额加分上限，但没有设置超额每条加分'],
      ],
      [
        'caps without points',
        (r) => {
          r.commissions = { answeredCap: '5' };
          r.submission = { points: '1', cap: '0' };
        },
        ['设置了约稿加分上限，但没有设置完成约稿加分', '报送分上限为0，报送不会得分'],
      ],
    ];
    for (const [what, change, expected] of cases) expect(problems(change), what).toEqual(expected);
  });
});

describe('rulesSchema', () => {
  const withPoints = (points: unknown) => ({
    ...base(),
    adoption: { rows: [{ key: 'r1', points }], combine: 'sum' },
  });

  it('rejects negative points', () => {
    expect(rejected(withPoints('-1'))).toEqual(['采用分值不能为负数']);
  });

  it('accepts a number for points and rejects what is no decimal', () => {
    expect(rulesSchema.parse(withPoints(0.5)).adoption.rows[0]?.points).toBe('0.5');
    expect(rejected(withPoints(true))).toEqual(['采用分值须为数字']);
    expect(rejected(withPoints(Number.NaN))).toEqual(['采用分值须为数字']);
    expect(rejected(withPoints('abc'))).toEqual(['采用分值须为不超过四位小数的数字']);
    expect(rejected(withPoints(''))).toEqual(['采用分值须为不超过四位小数的数字']);
  });

  it('rejects unknown keys inside a rule, so a misspelt condition cannot silently match everything', () => {
    expect(
      rejected({
        ...base(),
        adoption: { rows: [{ key: 'r1', points: '1', categorie: ['research'] }], combine: 'sum' },
      }).length,
    ).toBe(1);
  });

  it('rejects five decimal places and accepts four', () => {
    expect(rejected(withPoints('1.00001'))).toEqual(['采用分值须为不超过四位小数的数字']);
    expect(rulesSchema.parse(withPoints(' 1.2345 ')).adoption.rows[0]?.points).toBe('1.2345');
  });

  it('rejects unknown keys at the top level (strict)', () => {
    expect(rejected({ ...base(), bonus: '10' })).toEqual(['出现未知的键(key): "bonus"']);
  });

  it('says the other shapes in Chinese', () => {
    expect(rejected({ ...base(), groups: [] })).toEqual(['至少设置一个排名分组']);
    expect(rejected({ ...base(), joint: 'half' })).toEqual(['合报分配方式须为平均或按比例']);
    expect(rejected({ ...base(), adoption: { rows: [], combine: 'avg' } })).toEqual([
      '多次采用的计分方式须为累加或取最高',
    ]);
    expect(
      rejected({ ...base(), adoption: { rows: [{ key: 'has space', points: '1' }], combine: 'sum' } }),
    ).toEqual(['规则编号只能由字母、数字、下划线和短横线组成（最多40位）']);
    const quota = { key: 'q', period: 'month', counts: 'submitted', basePoints: '1' };
    expect(rejected({ ...base(), quotas: [{ ...quota, min: 0 }] })).toEqual(['任务数至少为1']);
    expect(rejected({ ...base(), quotas: [{ ...quota, min: 1.5 }] })).toEqual(['任务数须为整数']);
    expect(rejected({ ...base(), quotas: [{ ...quota, min: 1, period: 'week' }] })).toEqual([
      '任务周期须为月、季、半年或年',
    ]);
    expect(
      rejected({
        ...base(),
        penalties: { lowAdoptionRate: { belowPercent: 120, period: 'year', penalty: '-1' } },
      }),
    ).toEqual(['采用率不能超过100%', '采用率扣分不能为负数']);
    expect(
      rejected({ ...base(), instructions: { rows: [{ level: 'mayor', points: '1' }], mode: 'sum' } }),
    ).toEqual(['批示级别无效']);
  });
});

describe('explainRules', () => {
  const names: Record<string, string> = {
    'unit_group:township': '乡镇街道',
    'unit_category:city_dept': '市直部门',
    'item_category:research': '调研',
  };
  const ectx: ExplainContext = {
    publicationName: (id) => ({ p1: '每日要情', p2: '专报' })[id] ?? id,
    officeName: (id) => ({ zb: '中共中央办公厅' })[id] ?? id,
    label: (dictionary, code) => names[`${dictionary}:${code}`] ?? code,
  };

  it('says every rule in one Chinese sentence, in the order the engine applies them', () => {
    const rules = rulesSchema.parse({
      groups: [
        { code: 'town', name: '乡镇', unitGroups: ['township'] },
        { code: 'dept', name: '部门', unitCategories: ['city_dept'], unitIds: ['u9'] },
        { code: 'cnty', name: '县区', offices: true },
      ],
      adoption: {
        rows: [
          { key: 'r1', publicationIds: ['p1'], points: '3' },
          {
            key: 'r2',
            tiers: ['province'],
            publicationKinds: ['专报'],
            categories: ['research'],
            adoptionKinds: ['全文采用'],
            points: '30',
          },
          { key: 'web', outlet: 'website', points: '1', picturePoints: '0.5' },
          { key: 'zb', adopterOfficeIds: ['zb'], points: '50' },
        ],
        combine: 'sum',
        multipliers: [
          { key: 'via', label: '经市办转报', tiers: ['province'], route: 'forwarded', factor: '2' },
          { key: 'nat', tiers: ['national'], factor: '5' },
        ],
      },
      joint: 'share',
      forwarding: { rows: [{ key: 'f', tiers: ['province'], points: '5' }] },
      submission: { points: '0.1', cap: '10' },
      instructions: {
        rows: [
          { level: 'city', rank: 'principal', points: '30' },
          { level: 'city', points: '10' },
          { level: 'province', points: '50' },
        ],
        mode: 'once_per_level',
      },
      commissions: { answeredPoints: '2', answeredCap: '6', latePenalty: '0.5', missedPenalty: '10' },
      penalties: {
        lateUrgent: '1',
        instructionOverdue: '10',
        instructionLate: '2',
        lowAdoptionRate: { belowPercent: 30, period: 'quarter', penalty: '1' },
      },
      quotas: [
        {
          key: 'm',
          label: '月度任务',
          groups: ['town'],
          period: 'month',
          counts: 'submitted',
          min: 8,
          basePoints: '10',
          extraPerItem: '1',
          extraCap: '5',
          shortPenaltyPerItem: '2',
        },
        { key: 'q', period: 'quarter', counts: 'adopted', categories: ['research'], min: 1, basePoints: '3' },
        {
          key: 'l',
          label: '长篇任务',
          period: 'quarter',
          counts: 'submitted',
          categories: ['research'],
          min: 1,
        },
        {
          key: 'y',
          label: '年度任务',
          period: 'year',
          counts: 'submitted',
          min: 96,
          basePoints: '20',
          requires: 'l',
        },
      ],
      zeroOut: [{ key: 'z', when: 'commissions_missed', atLeast: 2 }],
      floor: '0',
      cap: '100',
    });
    expect(explainRules(rules, ectx)).toEqual([
      '分组排名：“乡镇”（乡镇街道），“部门”（市直部门、指定的1个单位），“县区”（下级政府办公室）分别排名。',
      '采用计分1：《每日要情》采用的，每条计3分。',
      '采用计分2：省级刊物中的专报类刊物对调研类信息、以全文采用方式采用的，每条计30分。',
      '采用计分3：门户网站采用的，每条计1分，另每张图片计0.5分。',
      '采用计分4：中共中央办公厅的刊物采用的，每条计50分。',
      '同一条信息被多个刊物采用的，分别计分、累加。',
      '经市办转报：经本办公室转报后被省级刊物采用的，分值乘以2。',
      '倍数：被国家级（国办、中办）刊物采用的，分值乘以5。',
      '报送上级：信息报送到省级的，每条计5分。',
      '报送计分：信息每报送一条计0.1分，最多计10分。',
      '合报信息的得分按各单位的分配比例分配。',
      '批示加分：市级主要领导批示加30分，市级领导批示加10分，省级领导批示加50分；同一级别的多次批示不累加。',
      '约稿：按约稿报送的每次加2分（最多加6分），逾期报送的每次扣0.5分，未按约稿报送的每次扣10分。',
      '紧急信息迟报的，每条扣1分。',
      '领导批示逾期未反馈落实情况的，每件扣10分。',
      '领导批示落实情况逾期反馈的，每件扣2分。',
      '每季度采用率低于30%的，扣1分。',
      '月度任务：乡镇每月报送信息不少于8条，完成的得基础分10分，每超一条加1分（最多加5分），每少一条扣2分。',
      '任务：各单位每季度被采用调研类信息不少于1条，完成的得基础分3分。',
      '长篇任务：各单位每季度报送调研类信息不少于1条。',
      '年度任务：各单位每年报送信息不少于96条，须同时完成“长篇任务”，完成的得基础分20分。',
      '清零：考核期内未按约稿报送累计2次及以上的，当期得分清零。',
      '单位得分最低为0分。',
      '单位得分最高为100分。',
    ]);
  });

  it('says the alternatives of a minimal rule set', () => {
    const rules = rulesSchema.parse({
      groups: [{ code: 'cnty', name: '县区', offices: true }],
      adoption: { rows: [], combine: 'max' },
      joint: 'even',
      instructions: { rows: [{ level: 'state_council', points: '100' }], mode: 'highest' },
    });
    const lines = explainRules(rules, ectx);
    expect(lines).toEqual([
      '分组排名：“县区”（下级政府办公室）分别排名。',
      '采用不计分。',
      '同一条信息被多个刊物采用的，只按得分最高的一次计分。',
      '合报信息的得分由各报送单位平均分配。',
      '批示加分：国务院领导批示加100分；多次批示只按最高级别计分。',
    ]);
    for (const line of lines) expect(line).toMatch(/^[\p{Script=Han}“]/u);
  });
});
