import { z } from 'zod';
import { parseAmount } from './decimal.ts';

/**
 * The rules of one 考核办法 as data (docs/domain.md §3.1). Every amount is a decimal text with at
 * most four places ("0.5"); the engine (score.ts) reads them, `explain.ts` says them in Chinese,
 * `validate.ts` checks them against the office's registry and publications.
 */

const amountText = (what: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
    z
      .string({ error: `${what}须为数字` })
      .trim()
      .refine((v) => parseAmount(v) !== null, `${what}须为不超过四位小数的数字`)
      // Text that is no number at all was reported above; only a real negative is "negative".
      .refine((v) => (parseAmount(v) ?? 0) >= 0, `${what}不能为负数`),
  );

const key = z
  .string({ error: '规则编号须为文字' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, '规则编号只能由字母、数字、下划线和短横线组成（最多40位）');
const label = z.string().trim().max(60, '规则名称最多60字').optional();
const codes = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what}不能为空`))
    .max(200)
    .optional();

/** Where an adoption was printed or posted, relative to the assessing office. */
export const TIERS = ['own', 'city', 'province', 'national', 'other'] as const;
export type Tier = (typeof TIERS)[number];
export const OUTLETS = ['publication', 'website'] as const;
export const ROUTES = ['forwarded', 'direct'] as const;
export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const INSTRUCTION_LEVEL_CODES = ['state_council', 'province', 'city', 'county', 'township'] as const;
/** 主要领导 / 分管（其他）领导 (as instructions record it). */
export const LEADER_RANK_CODES = ['principal', 'deputy'] as const;

/** Which adoptions a row or a multiplier concerns; every given condition must hold. */
const adoptionMatch = {
  /** Named publications (ids). */
  publicationIds: codes('刊物'),
  /** The level of the adopting office: own (本级), city, province, national (国办), other. */
  tiers: z
    .array(z.enum(TIERS, { error: '采用层级无效' }))
    .max(5)
    .optional(),
  /** The adopting offices (ids): 中办 apart from 国办 though both are national. */
  adopterOfficeIds: codes('采用机关'),
  /** Publication kinds (普刊, 专报, 增刊, 互联网 …). */
  publicationKinds: codes('刊物类别'),
  /** A publication or the office's own website (网站采用). */
  outlet: z.enum(OUTLETS, { error: '采用渠道无效' }).optional(),
  /** Item categories (dictionary item_category: dynamic, research …). */
  categories: codes('信息类别'),
  /** 全文采用 / 摘要采用 / 综合采用 / 约稿采用. */
  adoptionKinds: codes('采用方式'),
};

export const adoptionRowSchema = z
  .object({
    key,
    label,
    ...adoptionMatch,
    points: amountText('采用分值'),
    /** Website adoptions: points per picture on the item besides the text. */
    picturePoints: amountText('每张图片分值').optional(),
  })
  .strict();

export const multiplierSchema = z
  .object({
    key,
    label,
    ...adoptionMatch,
    /** forwarded: the assessing office forwarded the item up (转报); direct: it did not. */
    route: z.enum(ROUTES, { error: '报送途径无效' }).optional(),
    factor: amountText('倍数'),
  })
  .strict();

export const groupSchema = z
  .object({
    code: key,
    name: z.string().trim().min(1, '分组名称不能为空').max(30, '分组名称最多30字'),
    /** Units whose 考核分组 (dictionary assessment_group) is one of these. */
    unitGroups: codes('考核分组'),
    /** Units whose 单位类别 (dictionary unit_category) is one of these. */
    unitCategories: codes('单位类别'),
    /** The lower offices (e.g. the counties of a city). */
    offices: z.boolean().optional(),
    /** Named units. */
    unitIds: codes('单位'),
  })
  .strict();

export const quotaSchema = z
  .object({
    key,
    label,
    /** The groups the quota applies to; all when omitted. */
    groups: codes('分组'),
    period: z.enum(PERIOD_KINDS, { error: '任务周期须为月、季、半年或年' }),
    /** What counts against the quota: items submitted, or items adopted. */
    counts: z.enum(['submitted', 'adopted'], { error: '任务计数方式须为报送或采用' }),
    categories: codes('信息类别'),
    min: z.number({ error: '任务数须为整数' }).int('任务数须为整数').min(1, '任务数至少为1').max(10_000),
    basePoints: amountText('基础分').optional(),
    extraPerItem: amountText('超额每条加分').optional(),
    extraCap: amountText('超额加分上限').optional(),
    shortPenaltyPerItem: amountText('每少一条扣分').optional(),
    /**
     * Another quota (its key) that must also be met: base and extra points are paid only when
     * every period of that quota overlapping this one was met (常山县: ≥ 8 a month and ≥ 1 long item
     * a quarter). Such a period is judged once those periods have ended too.
     */
    requires: key.optional(),
  })
  .strict();

export const rulesSchema = z
  .object({
    /** 分组排名: the groups ranked separately. */
    groups: z.array(groupSchema).min(1, '至少设置一个排名分组').max(20),
    adoption: z.object({
      /** The first row that matches an adoption gives its points. */
      rows: z.array(adoptionRowSchema).max(100),
      /** Several adoptions of one item: all count (sum) or only the highest (max). */
      combine: z.enum(['sum', 'max'], { error: '多次采用的计分方式须为累加或取最高' }),
      multipliers: z.array(multiplierSchema).max(50).default([]),
    }),
    /** 合报: split evenly, or by the stored shares. */
    joint: z.enum(['even', 'share'], { error: '合报分配方式须为平均或按比例' }),
    /** Points for items the chain carried to an upper office (报送上级), by that office's level. */
    forwarding: z
      .object({
        rows: z
          .array(
            z.object({
              key,
              label,
              tiers: z
                .array(z.enum(TIERS, { error: '报送层级无效' }))
                .min(1, '请选择报送层级')
                .max(5),
              points: amountText('报送上级每条分值'),
            }),
          )
          .max(10),
      })
      .optional(),
    submission: z
      .object({
        points: amountText('报送每条分值'),
        categories: codes('信息类别'),
        cap: amountText('报送分上限').optional(),
      })
      .optional(),
    instructions: z
      .object({
        rows: z
          .array(
            z.object({
              level: z.enum(INSTRUCTION_LEVEL_CODES, { error: '批示级别无效' }),
              /** Only a principal (or a deputy) leader's; a row without a rank takes the rest. */
              rank: z.enum(LEADER_RANK_CODES, { error: '领导类别无效' }).optional(),
              points: amountText('批示加分'),
            }),
          )
          .max(5),
        /** sum: every instruction; once_per_level: one per level and item; highest: the best one per item. */
        mode: z.enum(['sum', 'once_per_level', 'highest'], { error: '批示计分方式无效' }),
      })
      .optional(),
    commissions: z
      .object({
        answeredPoints: amountText('完成约稿加分').optional(),
        answeredCap: amountText('约稿加分上限').optional(),
        latePenalty: amountText('约稿迟报扣分').optional(),
        missedPenalty: amountText('约稿未报扣分').optional(),
      })
      .optional(),
    penalties: z
      .object({
        lateUrgent: amountText('紧急信息迟报扣分').optional(),
        instructionOverdue: amountText('批示未反馈扣分').optional(),
        instructionLate: amountText('批示反馈逾期扣分').optional(),
        lowAdoptionRate: z
          .object({
            belowPercent: z
              .number({ error: '采用率须为数字' })
              .min(0.01, '采用率须大于0')
              .max(100, '采用率不能超过100%'),
            period: z.enum(PERIOD_KINDS, { error: '采用率周期须为月、季、半年或年' }),
            penalty: amountText('采用率扣分'),
          })
          .optional(),
      })
      .optional(),
    quotas: z.array(quotaSchema).max(20).default([]),
    /** A unit's whole period scores zero when a count reaches the threshold. */
    zeroOut: z
      .array(
        z.object({
          key,
          label,
          when: z.enum(['commissions_missed', 'instructions_overdue'], { error: '清零条件无效' }),
          atLeast: z.number({ error: '次数须为整数' }).int('次数须为整数').min(1, '次数至少为1').max(100),
        }),
      )
      .max(10)
      .default([]),
    floor: amountText('最低分').optional(),
    cap: amountText('最高分').optional(),
  })
  .strict();

export type Rules = z.infer<typeof rulesSchema>;
export type RulesInput = z.input<typeof rulesSchema>;
export type AdoptionRow = z.infer<typeof adoptionRowSchema>;
export type Multiplier = z.infer<typeof multiplierSchema>;
export type RuleGroup = z.infer<typeof groupSchema>;
export type Quota = z.infer<typeof quotaSchema>;
