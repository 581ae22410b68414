import { and, count, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Channel, notificationDeliveries, notifications, users } from '../../db/schema/index.ts';
import { CHANNEL_LABELS, DeliveryError, deliver } from '../../lib/channels/index.ts';
import { MINUTE_MS } from '../../lib/clock.ts';
import { type JobHandler, PermanentJobError, RetryLater } from '../../lib/scheduler/scheduler.ts';
import { loadOfficeChannels } from './channel-settings.ts';
import { notify } from './notify.ts';
import { usersWithRoles } from './recipients.ts';

/**
 * Messages per minute per office and channel. Both group robots allow 20 a minute; SMS gateways
 * and mail servers are kinder, but a burst (a commission to 60 units) is spread out all the same.
 * Counted over the delivery log, so every instance on one database keeps to the same limit.
 */
export const RATE_PER_MINUTE: Record<Channel, number> = { sms: 100, email: 60, wecom: 20, dingtalk: 20 };

/** An SMS carries at most this much text; the message centre has the rest. */
const SMS_TEXT_LIMIT = 120;

/**
 * Runs one delivery (a job of `notify`). Idempotent: a delivery already sent or failed is left
 * alone, so a job run twice (its instance died after sending) does not send twice from here; the
 * remaining window — sent, then died before recording it — is the one a queue cannot close.
 */
export function deliveryJob(publicUrl: string | undefined): JobHandler {
  return async (job, { db, clock }) => {
    const deliveryId = Number((job.payload as { deliveryId?: number }).deliveryId);
    const [d] = await db
      .select({
        id: notificationDeliveries.id,
        status: notificationDeliveries.status,
        channel: notificationDeliveries.channel,
        officeId: notificationDeliveries.officeId,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        phone: users.phone,
        email: users.email,
      })
      .from(notificationDeliveries)
      .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(notificationDeliveries.id, deliveryId));
    if (d?.status !== 'queued' || !d.officeId) return;
    const now = clock.now();

    const [sentLastMinute] = await db
      .select({ n: count() })
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.officeId, d.officeId),
          eq(notificationDeliveries.channel, d.channel),
          eq(notificationDeliveries.status, 'sent'),
          gt(notificationDeliveries.sentAt, new Date(now.getTime() - MINUTE_MS)),
        ),
      );
    if ((sentLastMinute?.n ?? 0) >= RATE_PER_MINUTE[d.channel]) {
      throw new RetryLater(
        15_000,
        `${CHANNEL_LABELS[d.channel]}每分钟最多发送 ${RATE_PER_MINUTE[d.channel]} 条，稍后发送`,
      );
    }

    const { config } = await loadOfficeChannels(db, d.officeId);
    const link = d.link ? `${publicUrl ?? ''}${d.link}` : undefined;
    const text =
      d.channel === 'sms' && d.body.length > SMS_TEXT_LIMIT ? `${d.body.slice(0, SMS_TEXT_LIMIT)}…` : d.body;
    try {
      const result = await deliver(
        d.channel,
        config,
        {
          title: d.title,
          text: d.channel === 'sms' ? `${d.title}${text ? `：${text}` : ''}` : text,
          link: publicUrl ? link : undefined,
          phone: d.phone ?? undefined,
          email: d.email ?? undefined,
        },
        { now: () => clock.now().getTime() },
      );
      await db
        .update(notificationDeliveries)
        .set({
          status: 'sent',
          sentAt: clock.now(),
          attempts: job.attempts,
          lastError: result.detail || null,
        })
        .where(and(eq(notificationDeliveries.id, d.id), eq(notificationDeliveries.status, 'queued')));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const retryable = e instanceof DeliveryError ? e.retryable : true;
      const last = !retryable || job.attempts >= job.maxAttempts;
      await db
        .update(notificationDeliveries)
        .set({ attempts: job.attempts, lastError: message, ...(last ? { status: 'failed' as const } : {}) })
        .where(and(eq(notificationDeliveries.id, d.id), eq(notificationDeliveries.status, 'queued')));
      if (last) {
        await tellAdmins(db, d.officeId, d.channel, message, clock.now());
        throw new PermanentJobError(message);
      }
      if (e instanceof DeliveryError && e.retryAfterMs !== undefined)
        throw new RetryLater(e.retryAfterMs, message, true);
      throw e;
    }
  };
}

/** A delivery given up: the office's system administrators see it in their 消息中心 (never outbound). */
async function tellAdmins(db: Db, officeId: string, channel: Channel, message: string, at: Date) {
  const admins = await usersWithRoles(db, [officeId], ['sysadmin']);
  await notify(db, {
    userIds: admins,
    officeId: null,
    kind: 'delivery_failed',
    title: `${CHANNEL_LABELS[channel]}发送失败`,
    body: message,
    link: '/admin/notifications',
    at,
  });
}
