import { z } from 'zod';

/**
 * Request fields every module's zod schemas share, with their Chinese messages: a required and an
 * optional text, the optimistic-locking version, a year, and the query-string blank.
 */

/** An empty query-string value (`?status=`) means "not given". */
export const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** Required, trimmed, at most `max` characters: 请填写… / …不能超过 N 个字. */
export const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`);

/** Optional text; blank is stored as null. */
export const optionalText = (what: string, max: number) =>
  z
    .string({ error: `${what}格式不正确` })
    .trim()
    .max(max, `${what}不能超过 ${max} 个字`)
    .nullish()
    .transform((v) => v || null);

/** The version the caller read (server/lib/records.ts). */
export const version = z.number({ error: '缺少版本号' }).int().min(1);

/** A calendar year in a query or a path. */
export const yearField = z.coerce
  .number({ error: '年度须为数字' })
  .int('年度须为整数')
  .min(2000, '年度不能早于 2000 年')
  .max(2100, '年度不能晚于 2100 年');
