import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { getChannels, listDeliveries, retryDelivery, saveChannels, testChannel } from './channels-admin.ts';
import { markAllNotificationsRead, markNotificationRead } from './commands/mark-read.ts';
import { getPreferences, savePreferences } from './preferences.ts';
import { listNotifications, unreadCount } from './queries/list-notifications.ts';
import {
  channelsViewSchema,
  deliveriesQuery,
  deliveryPageSchema,
  idParams,
  listNotificationsQuery,
  notificationPageSchema,
  officeQuery,
  preferencesSchema,
  saveChannelsBody,
  savePreferencesBody,
  testChannelBody,
  testChannelResult,
  unreadSchema,
} from './schemas.ts';
import { streamNotifications } from './stream.ts';

const tags = ['notifications'];
const ADMIN = { roles: ['sysadmin'] as const };

/** 消息中心 for every signed-in user; 消息通道 and 发送记录 for the system administrator. */
export function registerNotificationRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的消息（新的在前）',
        querystring: listNotificationsQuery,
        response: { 200: notificationPageSchema },
      },
    },
    async (req) => listNotifications(ctx.db, actorOf(req), req.query),
  );
  app.get(
    '/api/notifications/unread-count',
    { schema: { tags, summary: '未读消息数', response: { 200: unreadSchema } } },
    async (req) => ({ unread: await unreadCount(ctx.db, actorOf(req).userId) }),
  );
  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary: '实时更新（server-sent events：unread、inbox、items、instructions、commissions）',
      },
    },
    (req, reply) => streamNotifications(ctx, req, reply),
  );
  app.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: '标记一条消息已读', params: idParams, response: { 200: unreadSchema } } },
    async (req) => markNotificationRead(ctx.db, actorOf(req), req.params.id, ctx.clock.now()),
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部标记已读', response: { 200: unreadSchema } } },
    async (req) => markAllNotificationsRead(ctx.db, actorOf(req), ctx.clock.now()),
  );
  app.get(
    '/api/notifications/preferences',
    { schema: { tags, summary: '我的消息接收设置', response: { 200: preferencesSchema } } },
    async (req) => getPreferences(ctx.db, actorOf(req)),
  );
  app.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: '修改我的消息接收设置',
        body: savePreferencesBody,
        response: { 200: preferencesSchema },
      },
    },
    async (req) => savePreferences(ctx.db, actorOf(req), req.body),
  );

  app.get(
    '/api/notification-channels',
    {
      config: ADMIN,
      schema: {
        tags,
        summary: '本办公室的消息通道（密钥隐藏）',
        querystring: officeQuery,
        response: { 200: channelsViewSchema },
      },
    },
    async (req) => getChannels(ctx.db, actorOf(req), req.query.officeId),
  );
  app.put(
    '/api/notification-channels',
    {
      config: ADMIN,
      schema: {
        tags,
        summary: '保存消息通道设置',
        body: saveChannelsBody,
        response: { 200: channelsViewSchema },
      },
    },
    async (req) => saveChannels(ctx.db, actorOf(req), req.body, auditOf(req)),
  );
  app.post(
    '/api/notification-channels/test',
    {
      config: ADMIN,
      schema: { tags, summary: '发送测试消息', body: testChannelBody, response: { 200: testChannelResult } },
    },
    async (req) => testChannel(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock),
  );
  app.get(
    '/api/notification-deliveries',
    {
      config: ADMIN,
      schema: {
        tags,
        summary: '发送记录',
        querystring: deliveriesQuery,
        response: { 200: deliveryPageSchema },
      },
    },
    async (req) => listDeliveries(ctx.db, actorOf(req), req.query),
  );
  app.post(
    '/api/notification-deliveries/:id/retry',
    { config: ADMIN, schema: { tags, summary: '重新发送失败的消息', params: idParams } },
    async (req) => retryDelivery(ctx.db, actorOf(req), req.params.id, auditOf(req), ctx.clock),
  );
}
