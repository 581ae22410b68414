import { z } from 'zod';
import { NOTICE_PERIODS, NOTICE_STATUSES } from '../../../db/schema/index.ts';
import { blankToUndefined, text, version } from '../../../lib/schema-fields.ts';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);

export const noticeIdParams = z.object({ id: uuid('通报') });

export const createNoticeBody = z
  .object({
    officeId: uuid('办公室').optional(),
    period: z.enum(NOTICE_PERIODS, { error: '通报周期须为月度、季度或年度' }),
    /** 2026-11, 2026-Q3 or 2026. */
    at: z.string({ error: '请选择通报期间' }),
  })
  .refine(
    (b) =>
      (b.period === 'month' && /^\d{4}-(0[1-9]|1[0-2])$/.test(b.at)) ||
      (b.period === 'quarter' && /^\d{4}-Q[1-4]$/.test(b.at)) ||
      (b.period === 'year' && /^\d{4}$/.test(b.at)),
    { message: '通报期间格式不正确（月度如 2026-11，季度如 2026-Q3，年度如 2026）', path: ['at'] },
  );
export type CreateNoticeInput = z.output<typeof createNoticeBody>;

const section = (what: string) => text(what, 4000);
export const updateNoticeBody = z.object({
  title: text('通报标题', 100),
  addressee: text('主送机关', 200),
  opening: section('总体情况'),
  praise: section('表扬内容'),
  laggards: section('零报送、零采用单位'),
  problems: section('存在的问题'),
  requirements: section('工作要求'),
  version,
});
export type UpdateNoticeInput = z.output<typeof updateNoticeBody>;

export const noticeVersionBody = z.object({ version });
export const noticeListQuery = z.object({
  officeId: z.preprocess(blankToUndefined, uuid('办公室').optional()),
});

const ranking = z.unknown();
export const noticeSummarySchema = z.object({
  id: z.string(),
  officeId: z.string(),
  officeName: z.string(),
  period: z.enum(NOTICE_PERIODS),
  periodStart: z.string(),
  periodEnd: z.string(),
  periodTitle: z.string(),
  title: z.string(),
  status: z.enum(NOTICE_STATUSES),
  statusLabel: z.string(),
  ruleSet: z.object({ id: z.string(), name: z.string(), versionNo: z.number() }),
  createdByName: z.string(),
  createdAt: z.string(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  version: z.number(),
});
export const noticeSchema = noticeSummarySchema.extend({
  addressee: z.string(),
  opening: z.string(),
  praise: z.string(),
  laggards: z.string(),
  problems: z.string(),
  requirements: z.string(),
  snapshot: ranking,
  canEdit: z.boolean(),
  /** The caller's own units (a member unit's rows are highlighted). */
  ownUnitIds: z.array(z.string()),
});
export type NoticeView = z.infer<typeof noticeSchema>;
