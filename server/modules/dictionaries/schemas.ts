import { z } from 'zod';

import { DICTIONARY_NAMES, type DictionaryName } from '../../db/schema/index.ts';

export { DICTIONARY_NAMES, type DictionaryName };
export const DICTIONARY_TITLES: Record<DictionaryName, string> = {
  unit_category: '单位类别',
  assessment_group: '考核分组',
  item_category: '信息类别',
  sensitive_word: '敏感词',
};

export const DICTIONARY_ACTIONS = ['update', 'deactivate', 'activate'] as const;
export type DictionaryAction = (typeof DICTIONARY_ACTIONS)[number];

const dictionary = z.enum(DICTIONARY_NAMES, {
  error: `字典须为 ${DICTIONARY_NAMES.map((d) => `${d}（${DICTIONARY_TITLES[d]}）`).join('、')}`,
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
