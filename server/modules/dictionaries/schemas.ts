import { z } from 'zod';

export const DICTIONARY_NAMES = ['unit_category', 'assessment_group'] as const;
export type DictionaryName = (typeof DICTIONARY_NAMES)[number];
export const DICTIONARY_TITLES: Record<DictionaryName, string> = {
  unit_category: '单位类别',
  assessment_group: '考核分组',
};

export const DICTIONARY_ACTIONS = ['update', 'deactivate', 'activate'] as const;
export type DictionaryAction = (typeof DICTIONARY_ACTIONS)[number];

const dictionary = z.enum(DICTIONARY_NAMES, {
  error: '字典须为 unit_category（单位类别）或 assessment_group（考核分组）',
});
const label = z.string().trim().min(1, '请填写名称').max(50, '名称不能超过 50 个字');
const sortOrder = z.number().int().min(0).max(1_000_000);

export const listQuery = z.object({ dictionary: dictionary.optional() });
export const idParams = z.object({ id: z.uuid('字典项 ID 格式不正确') });

export const createEntryBody = z.object({
  dictionary,
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,32}$/, '字典编码须为 1–32 位字母、数字或下划线'),
  label,
  sortOrder: sortOrder.optional(),
});
export type CreateEntryInput = z.output<typeof createEntryBody>;

export const updateEntryBody = z.object({
  label: label.optional(),
  sortOrder: sortOrder.optional(),
  active: z.boolean().optional(),
});
export type UpdateEntryInput = z.output<typeof updateEntryBody>;

export const entrySchema = z.object({
  id: z.uuid(),
  dictionary,
  code: z.string(),
  label: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  actions: z.array(z.enum(DICTIONARY_ACTIONS)),
});
export type EntryView = z.infer<typeof entrySchema>;
export const entryListSchema = z.object({ items: z.array(entrySchema) });
