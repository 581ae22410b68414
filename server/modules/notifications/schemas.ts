import { z } from 'zod';
import { CHANNELS, DELIVERY_STATUSES } from '../../db/schema/index.ts';
import { pageQueryFields, pageResponseFields } from '../../lib/pagination.ts';
import { NOTIFICATION_KIND_CODES } from './kinds.ts';

const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean().optional());
const optionalUuid = (what: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.uuid(`${what} ID 格式不正确`).optional());

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KIND_CODES),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const listNotificationsQuery = z.object({
  ...pageQueryFields(20, 100),
  unread: flag,
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(NOTIFICATION_KIND_CODES).optional()),
});
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  ...pageResponseFields,
  unread: z.number().int(),
});

export const unreadSchema = z.object({ unread: z.number().int() });
export const idParams = z.object({ id: z.coerce.number({ error: '消息编号须为数字' }).int().positive() });

export const preferencesSchema = z.object({
  sms: z.boolean(),
  email: z.boolean(),
  /** The addresses the channels use (kept on the account by the system administrator or the user). */
  phone: z.string().nullable(),
  emailAddress: z.string().nullable(),
  version: z.number().int(),
});
export const savePreferencesBody = z.object({
  sms: z.boolean({ error: '请选择是否接收短信' }),
  email: z.boolean({ error: '请选择是否接收邮件' }),
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type SavePreferencesInput = z.output<typeof savePreferencesBody>;

export const officeQuery = z.object({ officeId: optionalUuid('办公室') });

export const channelsViewSchema = z.object({
  office: z.object({ id: z.uuid(), name: z.string() }),
  offices: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Secrets shown as ****** (sent back unchanged, they keep their value). */
  config: z.record(z.string(), z.unknown()),
  robotKinds: z.array(z.enum(NOTIFICATION_KIND_CODES)),
  kinds: z.array(
    z.object({ code: z.enum(NOTIFICATION_KIND_CODES), label: z.string(), important: z.boolean() }),
  ),
  version: z.number().int(),
});
export const saveChannelsBody = z.object({
  officeId: z.uuid('办公室 ID 格式不正确'),
  config: z.unknown(),
  robotKinds: z.array(z.enum(NOTIFICATION_KIND_CODES, { error: '不支持的消息类型' })).max(50),
  version: z.number({ error: '缺少版本号' }).int().min(0),
});
export type SaveChannelsInput = z.output<typeof saveChannelsBody>;

export const testChannelBody = z.object({
  officeId: z.uuid('办公室 ID 格式不正确'),
  channel: z.enum(CHANNELS, { error: '不支持的通知渠道' }),
  phone: z.string().trim().max(20).optional(),
  email: z.string().trim().max(200).optional(),
});
export type TestChannelInput = z.output<typeof testChannelBody>;
export const testChannelResult = z.object({ ok: z.boolean(), detail: z.string() });

export const deliveriesQuery = z.object({
  ...pageQueryFields(20, 100),
  officeId: optionalUuid('办公室'),
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(DELIVERY_STATUSES).optional()),
  channel: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CHANNELS).optional()),
});
export type DeliveriesQuery = z.output<typeof deliveriesQuery>;

export const deliverySchema = z.object({
  id: z.number().int(),
  channel: z.enum(CHANNELS),
  address: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  title: z.string(),
  recipientName: z.string(),
});
export const deliveryPageSchema = z.object({ items: z.array(deliverySchema), ...pageResponseFields });
