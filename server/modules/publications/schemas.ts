import { z } from 'zod';
import { PUBLICATION_KINDS } from '../../db/schema/orgs.ts';

export const publicationsQuery = z.object({
  officeId: z.uuid('办公室 ID 格式不正确').optional(),
  scope: z
    .enum(['own', 'upper'], { error: 'scope 须为 own（本办公室）或 upper（上级办公室）' })
    .default('own'),
  /** 刊物设置 lists stopped publications too; pick lists never do. */
  includeInactive: z
    .enum(['true', 'false'], { error: 'includeInactive 须为 true 或 false' })
    .default('false')
    .transform((v) => v === 'true'),
});
export type PublicationsQuery = z.output<typeof publicationsQuery>;

export const publicationSchema = z.object({
  id: z.uuid(),
  officeId: z.uuid(),
  officeName: z.string(),
  name: z.string(),
  kind: z.string(),
  active: z.boolean(),
});
export type PublicationView = z.infer<typeof publicationSchema>;

const kindEnum = z.enum(PUBLICATION_KINDS, {
  error: `刊物类别须为：${PUBLICATION_KINDS.join('、')}`,
});
const numberingEnum = z.enum(['yearly', 'continuous'], {
  error: '编号方式须为 yearly（按年）或 continuous（连续）',
});
const labelFormatEnum = z.enum(['year_issue', 'bracket', 'plain'], {
  error: '期号格式须为 year_issue（2026年第N期）、bracket（〔2026〕N期）或 plain（第N期）',
});
const distributionLine = (label: string) =>
  z.string().trim().max(1000, `${label}不能超过 1000 字`).default('');
const distribution = z.object({
  bao: distributionLine('报送范围（报）'),
  song: distributionLine('报送范围（送）'),
  fa: distributionLine('报送范围（发）'),
});
const optionalUser = (label: string) => z.uuid(`${label} ID 格式不正确`).nullable().optional();
const versionField = z.number({ error: '缺少版本号' }).int().positive('版本号不正确');

const definitionFields = {
  name: z
    .string({ error: '请填写刊物名称' })
    .trim()
    .min(1, '请填写刊物名称')
    .max(60, '刊物名称不能超过 60 字'),
  kind: kindEnum,
  numbering: numberingEnum,
  labelFormat: labelFormatEnum,
  showTotal: z.boolean({ error: '是否显示总期号须为布尔值' }),
  distribution,
  printCount: z
    .number({ error: '印数须为数字' })
    .int('印数须为整数')
    .min(1, '印数不能少于 1 份')
    .max(10000, '印数不能超过 10000 份'),
  defaultEditorId: optionalUser('默认责任编辑'),
  defaultSignerId: optionalUser('默认签发人'),
  description: z.string().trim().max(500, '说明不能超过 500 字').nullable().optional(),
};

export const createPublicationBody = z.object({
  officeId: z.uuid('办公室 ID 格式不正确'),
  ...definitionFields,
  numbering: numberingEnum.default('yearly'),
  labelFormat: labelFormatEnum.default('year_issue'),
  showTotal: definitionFields.showTotal.default(false),
  distribution: distribution.default({ bao: '', song: '', fa: '' }),
  printCount: definitionFields.printCount.default(50),
});
export type CreatePublicationInput = z.output<typeof createPublicationBody>;

export const updatePublicationBody = z.object({
  name: definitionFields.name.optional(),
  kind: kindEnum.optional(),
  numbering: numberingEnum.optional(),
  labelFormat: labelFormatEnum.optional(),
  showTotal: definitionFields.showTotal.optional(),
  distribution: distribution.optional(),
  printCount: definitionFields.printCount.optional(),
  defaultEditorId: definitionFields.defaultEditorId,
  defaultSignerId: definitionFields.defaultSignerId,
  description: definitionFields.description,
  version: versionField,
});
export type UpdatePublicationInput = z.output<typeof updatePublicationBody>;

export const versionBody = z.object({ version: versionField });
export const idParams = z.object({ id: z.uuid('刊物 ID 格式不正确') });

const personRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

/** A publication definition (刊物设置) as its office's staff see it. */
export const publicationDetailSchema = z.object({
  id: z.uuid(),
  officeId: z.uuid(),
  officeName: z.string(),
  name: z.string(),
  kind: z.string(),
  numbering: numberingEnum,
  labelFormat: labelFormatEnum,
  showTotal: z.boolean(),
  /** How this publication's issue numbers read, e.g. 2026年第1期. */
  sampleLabel: z.string(),
  distribution: z.object({ bao: z.string(), song: z.string(), fa: z.string() }),
  printCount: z.number().int(),
  defaultEditor: personRef,
  defaultSigner: personRef,
  description: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type PublicationDetail = z.infer<typeof publicationDetailSchema>;
