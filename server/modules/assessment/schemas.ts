import { z } from 'zod';
import { RULE_SET_STATUSES } from '../../db/schema/index.ts';
import { blankToUndefined, optionalText, text, version } from '../../lib/schema-fields.ts';
import { DATE_RULE, isIsoDate } from '../orgs/index.ts';
import { ENTRY_KINDS } from './engine/score.ts';

const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).refine(isIsoDate, `${what}：${DATE_RULE}`);
const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);

export const idParams = z.object({ id: uuid('考核办法') });
export const officeQuery = z.object({ officeId: z.preprocess(blankToUndefined, uuid('办公室').optional()) });

const periodOrder = {
  check: (b: { periodStart?: string; periodEnd?: string }) =>
    !b.periodStart || !b.periodEnd || b.periodEnd >= b.periodStart,
  message: { message: '考核期间的结束日期不能早于开始日期', path: ['periodEnd'] },
};

/** The rules travel as JSON and are checked by the engine's schema (engine/rules.ts) in the command. */
const ruleSetFields = {
  name: text('考核办法名称', 60),
  periodStart: isoDate('考核期间开始日期'),
  periodEnd: isoDate('考核期间结束日期'),
  rules: z.record(z.string(), z.unknown(), { error: '请填写考核规则' }),
  note: optionalText('说明', 1000),
};

export const createRuleSetBody = z
  .object({ ...ruleSetFields, officeId: uuid('办公室').optional() })
  .refine(periodOrder.check, periodOrder.message);
export type CreateRuleSetInput = z.output<typeof createRuleSetBody>;

export const updateRuleSetBody = z
  .object({ ...ruleSetFields, version })
  .refine(periodOrder.check, periodOrder.message);
export type UpdateRuleSetInput = z.output<typeof updateRuleSetBody>;

export const versionBody = z.object({ version });
export const deleteQuery = z.object({ version: z.coerce.number({ error: '缺少版本号' }).int().min(1) });

export const ruleSetSummarySchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  versionNo: z.number(),
  officeId: z.string(),
  officeName: z.string(),
  name: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(RULE_SET_STATUSES),
  statusLabel: z.string(),
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  activatedByName: z.string().nullable(),
  version: z.number(),
  computedAt: z.string().nullable(),
});

export const ruleSetDetailSchema = ruleSetSummarySchema.extend({
  rules: z.unknown(),
  explanation: z.array(z.string()),
  problems: z.array(z.string()),
  versions: z.array(ruleSetSummarySchema),
  canEdit: z.boolean(),
  canActivate: z.boolean(),
  canNewVersion: z.boolean(),
});
export type RuleSetDetail = z.infer<typeof ruleSetDetailSchema>;

/** A range's end may not come before its start (ranking and statistics). */
const inOrder = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema.refine((q) => q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });

/** Whose figures a ranking (or the statistics) reads: the office and optionally one rule set. */
const rankingScope = z.object({
  officeId: z.preprocess(blankToUndefined, uuid('办公室').optional()),
  ruleSetId: z.preprocess(blankToUndefined, uuid('考核办法').optional()),
});
/** The days, after the scope (and the statistics' unitId), so validation errors keep their order. */
const rangeFields = { from: isoDate('开始日期'), to: isoDate('结束日期') };

/** A ranking's range: explicit days inside one rule set's period. */
export const rankingQuery = inOrder(rankingScope.extend(rangeFields));
export type RankingQuery = z.output<typeof rankingQuery>;

const amount = z.string();
export const rankingRowSchema = z.object({
  rank: z.number(),
  unitId: z.string(),
  unitName: z.string(),
  submitted: z.number(),
  adoptedOwn: amount,
  adoptedUpper: amount,
  adoptedItems: z.number(),
  /** Percent with one decimal, null without submissions. */
  adoptionRate: z.number().nullable(),
  points: amount,
  cumulative: amount,
  noSubmissions: z.boolean(),
  noAdoptions: z.boolean(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const rankingSchema = z.object({
  office: z.object({ id: z.string(), name: z.string() }),
  ruleSet: z.object({
    id: z.string(),
    name: z.string(),
    versionNo: z.number(),
    status: z.enum(RULE_SET_STATUSES),
    periodStart: z.string(),
    periodEnd: z.string(),
  }),
  computedAt: z.string().nullable(),
  range: z.object({ from: z.string(), to: z.string() }),
  groups: z.array(z.object({ code: z.string(), name: z.string(), rows: z.array(rankingRowSchema) })),
  totals: z.object({ submitted: z.number(), adoptedOwn: amount, adoptedUpper: amount, points: amount }),
  /** Whether the caller may open every unit's entries (office staff and leaders). */
  allUnits: z.boolean(),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const entriesQuery = z
  .object({
    ruleSetId: uuid('考核办法'),
    unitId: uuid('单位'),
    from: isoDate('开始日期'),
    to: isoDate('结束日期'),
    kind: z.preprocess(blankToUndefined, z.enum(ENTRY_KINDS, { error: '明细类别无效' }).optional()),
  })
  .refine((q) => q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export type EntriesQuery = z.output<typeof entriesQuery>;

export const entrySchema = z.object({
  id: z.number(),
  on: z.string(),
  kind: z.enum(ENTRY_KINDS),
  kindLabel: z.string(),
  ruleKey: z.string().nullable(),
  factId: z.string().nullable(),
  itemId: z.string().nullable(),
  itemSerial: z.number().nullable(),
  /** Where the fact behind the entry opens in the product. */
  link: z.string().nullable(),
  quantity: amount,
  points: amount,
  detail: z.string(),
});
export const entriesSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  ruleSet: z.object({ id: z.string(), name: z.string(), versionNo: z.number() }),
  entries: z.array(entrySchema),
  total: amount,
  truncated: z.boolean(),
});

export const previewBody = z
  .object({
    officeId: uuid('办公室').optional(),
    /** The draft's rules and period (unsaved edits may be previewed). */
    rules: z.record(z.string(), z.unknown(), { error: '请填写考核规则' }),
    periodStart: isoDate('考核期间开始日期'),
    periodEnd: isoDate('考核期间结束日期'),
    /** The range replayed (a past month, quarter or year inside the period). */
    from: isoDate('开始日期'),
    to: isoDate('结束日期'),
    /** The rule set to compare with; the active one of the period when omitted. */
    compareWith: uuid('对比的考核办法').optional(),
  })
  .refine((q) => q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export type PreviewInput = z.output<typeof previewBody>;

export const previewSchema = z.object({
  problems: z.array(z.string()),
  explanation: z.array(z.string()),
  compareWith: z.object({ id: z.string(), name: z.string(), versionNo: z.number() }).nullable(),
  groups: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      rows: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          points: amount,
          rank: z.number(),
          /** Under the compared rule set; null when the unit is not ranked there. */
          beforePoints: amount.nullable(),
          beforeRank: z.number().nullable(),
          moved: z.boolean(),
        }),
      ),
    }),
  ),
});
export type Preview = z.infer<typeof previewSchema>;

export const workSummaryQuery = z
  .object({
    officeId: z.preprocess(blankToUndefined, uuid('办公室').optional()),
    from: isoDate('开始日期'),
    to: isoDate('结束日期'),
  })
  .refine((q) => q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });

/** The ranking's query plus one unit (its own trend and rank). */
export const statisticsQuery = inOrder(
  rankingScope.extend({ unitId: z.preprocess(blankToUndefined, uuid('单位').optional()), ...rangeFields }),
);
export type StatisticsQuery = z.output<typeof statisticsQuery>;

/** Counts are numbers with one decimal (a 合报 share counts in part); points are decimal strings. */
const statsUnitSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  groupCode: z.string(),
  groupName: z.string(),
  rank: z.number(),
  submitted: z.number(),
  adoptedOwn: z.number(),
  adoptedUpper: z.number(),
  adoptedItems: z.number(),
  adoptionRate: z.number().nullable(),
  points: amount,
});
export type StatisticsUnit = z.infer<typeof statsUnitSchema>;

export const statisticsSchema = z.object({
  office: z.object({ id: z.string(), name: z.string() }),
  ruleSet: z.object({
    id: z.string(),
    name: z.string(),
    versionNo: z.number(),
    status: z.enum(RULE_SET_STATUSES),
  }),
  computedAt: z.string().nullable(),
  range: z.object({ from: z.string(), to: z.string() }),
  allUnits: z.boolean(),
  totals: z.object({
    members: z.number(),
    reported: z.number(),
    submitted: z.number(),
    adoptedOwn: z.number(),
    adoptedUpper: z.number(),
    adoptedItems: z.number(),
    adoptionRate: z.number().nullable(),
    points: amount,
  }),
  months: z.array(
    z.object({
      month: z.string(),
      submitted: z.number(),
      adoptedOwn: z.number(),
      adoptedUpper: z.number(),
      points: amount,
    }),
  ),
  groups: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      members: z.number(),
      reported: z.number(),
      submitted: z.number(),
      adoptedItems: z.number(),
      adoptionRate: z.number().nullable(),
      points: amount,
    }),
  ),
  units: z.array(statsUnitSchema),
  silent: z.array(z.object({ unitId: z.string(), unitName: z.string(), groupName: z.string() })),
  outlets: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      outlet: z.enum(['own', 'upper']),
      adoptions: z.number(),
      points: amount,
    }),
  ),
  upward: z
    .object({
      officeName: z.string(),
      ruleSetName: z.string(),
      versionNo: z.number(),
      adoptions: z.number(),
      points: amount,
      rank: z.number().nullable(),
      peers: z.number(),
      outlets: z.array(z.object({ name: z.string(), adoptions: z.number(), points: amount })),
    })
    .nullable(),
  unit: z
    .object({
      unitId: z.string(),
      unitName: z.string(),
      groupName: z.string(),
      rank: z.number().nullable(),
      peers: z.number(),
      months: z.array(
        z.object({
          month: z.string(),
          submitted: z.number(),
          adopted: z.number(),
          points: amount,
          rank: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
});
export type Statistics = z.infer<typeof statisticsSchema>;
