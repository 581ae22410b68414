import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationDeliveries, notifications, orgs, users } from '../../db/schema/index.ts';
import { type Actor, officesOf } from '../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../lib/audit.ts';
import {
  DeliveryError,
  deliver,
  redactChannelsConfig,
  restoreRedactedSecrets,
  validateChannelsConfig,
} from '../../lib/channels/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { offsetOf } from '../../lib/pagination.ts';
import { enqueueJob } from '../../lib/scheduler/scheduler.ts';
import { saveSetting } from '../settings/index.ts';
import { channelsKey, loadOfficeChannels } from './channel-settings.ts';
import { NOTIFICATION_KIND_CODES, NOTIFICATION_KINDS } from './kinds.ts';
import { DELIVER_JOB, DELIVERY_ATTEMPTS } from './notify.ts';
import type { DeliveriesQuery, SaveChannelsInput, TestChannelInput } from './schemas.ts';

/**
 * 系统设置 → 消息通道: the system administrator of an office configures its SMS gateway, mail
 * server and group robots, tries them, and reads the delivery log. Another office's channels are
 * not theirs (403).
 */
function adminOffice(actor: Actor, officeId?: string) {
  const offices = officesOf(actor);
  if (!officeId) {
    if (!offices[0]) throw notFound('您不属于任何办公室，没有消息通道可设置');
    return { office: offices[0], offices };
  }
  const office = offices.find((o) => o.id === officeId);
  if (!office) throw forbidden('只能设置本办公室的消息通道');
  return { office, offices };
}

export async function getChannels(db: Db, actor: Actor, officeId?: string) {
  const { office, offices } = adminOffice(actor, officeId);
  const current = await loadOfficeChannels(db, office.id);
  return {
    office,
    offices,
    config: redactChannelsConfig(current.config) as Record<string, unknown>,
    robotKinds: current.robotKinds,
    kinds: NOTIFICATION_KIND_CODES.map((code) => ({ code, ...NOTIFICATION_KINDS[code] })),
    version: current.version,
  };
}

export async function saveChannels(db: Db, actor: Actor, input: SaveChannelsInput, audit: AuditContext) {
  const { office } = adminOffice(actor, input.officeId);
  await db.transaction(async (tx) => {
    const current = await loadOfficeChannels(tx, office.id);
    const config = validateChannelsConfig(restoreRedactedSecrets(input.config, current.config));
    await saveSetting(
      tx,
      actor,
      audit,
      {
        key: channelsKey(office.id),
        label: `${office.name}消息通道`,
        action: 'notification.channels_changed',
      },
      { config: current.config, robotKinds: current.robotKinds, version: current.version },
      { config, robotKinds: [...new Set(input.robotKinds)] },
      input.version,
      // The audit diff compares redacted documents: secrets never reach the audit log.
      (v) => ({ ...v, config: redactChannelsConfig(v.config) }),
    );
  });
  return getChannels(db, actor, office.id);
}

/** 发送测试消息: sends at once, outside the queue, and says what the channel answered. */
export async function testChannel(
  db: Db,
  actor: Actor,
  input: TestChannelInput,
  audit: AuditContext,
  clock: Clock,
) {
  const { office } = adminOffice(actor, input.officeId);
  const { config } = await loadOfficeChannels(db, office.id);
  let result: { ok: boolean; detail: string };
  try {
    const r = await deliver(
      input.channel,
      config,
      {
        title: '信报测试消息',
        text: `这是${office.name}的测试消息，收到即表示通道可用。`,
        phone: input.phone || undefined,
        email: input.email || undefined,
      },
      { now: () => clock.now().getTime() },
    );
    result = { ok: true, detail: r.detail || '发送成功' };
  } catch (e) {
    if (!(e instanceof DeliveryError)) throw e;
    result = { ok: false, detail: e.message };
  }
  await db.transaction((tx) =>
    recordAudit(tx, audit, {
      action: 'notification.channel_tested',
      targetType: 'settings',
      targetId: channelsKey(office.id),
      targetLabel: `${office.name}消息通道`,
      diff: { channel: input.channel, ok: result.ok, detail: result.detail },
    }),
  );
  return result;
}

/** 发送记录: the office's deliveries, newest first, failed ones filterable. */
export async function listDeliveries(db: Db, actor: Actor, q: DeliveriesQuery) {
  const { office } = adminOffice(actor, q.officeId);
  const conds: SQL[] = [eq(notificationDeliveries.officeId, office.id)];
  if (q.status) conds.push(eq(notificationDeliveries.status, q.status));
  if (q.channel) conds.push(eq(notificationDeliveries.channel, q.channel));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: notificationDeliveries.id,
        channel: notificationDeliveries.channel,
        address: notificationDeliveries.address,
        status: notificationDeliveries.status,
        attempts: notificationDeliveries.attempts,
        lastError: notificationDeliveries.lastError,
        createdAt: notificationDeliveries.createdAt,
        sentAt: notificationDeliveries.sentAt,
        title: notifications.title,
        recipientName: users.displayName,
      })
      .from(notificationDeliveries)
      .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(where)
      .orderBy(desc(notificationDeliveries.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ n: count() }).from(notificationDeliveries).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** 重新发送 a failed delivery: queued again with fresh attempts; a sent one is never sent twice. */
export async function retryDelivery(db: Db, actor: Actor, id: number, audit: AuditContext, clock: Clock) {
  return db.transaction(async (tx) => {
    const [d] = await tx
      .select({
        id: notificationDeliveries.id,
        status: notificationDeliveries.status,
        officeId: notificationDeliveries.officeId,
      })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, id))
      .for('update');
    if (!d?.officeId) throw notFound('发送记录不存在');
    adminOffice(actor, d.officeId);
    if (d.status !== 'failed')
      throw conflict(d.status === 'sent' ? '该消息已发送成功，不能重复发送' : '该消息正在发送队列中');
    await tx
      .update(notificationDeliveries)
      .set({ status: 'queued', lastError: null })
      .where(eq(notificationDeliveries.id, id));
    const queued = await enqueueJob(tx, {
      kind: DELIVER_JOB,
      payload: { deliveryId: id },
      dedupeKey: `deliver:${id}:retry:${clock.now().getTime()}`,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
    if (!queued) throw new AppError(409, 'CONFLICT', '请勿重复提交');
    const [org] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, d.officeId));
    await recordAudit(tx, audit, {
      action: 'notification.delivery_retried',
      targetType: 'notification_delivery',
      targetId: String(id),
      targetLabel: `${org?.name ?? ''}发送记录 ${id}`,
      diff: {},
    });
    return { ok: true };
  });
}
