import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type Channel,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  users,
} from '../../db/schema/index.ts';
import { publishLive } from '../../lib/live.ts';
import { enqueueJob } from '../../lib/scheduler/scheduler.ts';
import { loadOfficeChannels } from './channel-settings.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts';

export type NotifyInput = {
  userIds: Iterable<string>;
  /** The office whose channels carry it outward (null: the 消息中心 only). */
  officeId: string | null;
  kind: NotificationKind;
  title: string;
  body?: string;
  /** Web path of the record, e.g. `/items/…`. */
  link?: string;
  subject?: { type: string; id: string };
  /** A user gets a notification with the same key only once (a reminder, an overdue mark). */
  dedupeKey?: string;
  at: Date;
};

export const DELIVER_JOB = 'notification.deliver';
/** Deliveries give up after this many attempts (30 s … 8 min apart) and show as failed. */
export const DELIVERY_ATTEMPTS = 6;

/** What a user chose; a channel not named is on. */
export type ChannelPreferences = Partial<Record<'sms' | 'email', boolean>>;

/**
 * Tells users something in the caller's transaction: a row in each one's 消息中心, a delivery on
 * every channel the office runs and the user keeps on (SMS only for kinds that ask someone to act),
 * one announcement per event on the office's group robots, and a live push to their open pages.
 * The deliveries run on the scheduler after commit; a rolled-back write notifies nobody.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<number> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return 0;
  const recipients = await tx
    .select({ id: users.id, phone: users.phone, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  if (recipients.length === 0) return 0;
  const created = await tx
    .insert(notifications)
    .values(
      recipients.map((r) => ({
        userId: r.id,
        officeId: input.officeId,
        kind: input.kind,
        title: input.title,
        body: input.body ?? '',
        link: input.link ?? null,
        subjectType: input.subject?.type ?? null,
        subjectId: input.subject?.id ?? null,
        dedupeKey: input.dedupeKey ?? null,
        createdAt: input.at,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  if (created.length === 0) return 0;

  if (input.officeId) await queueDeliveries(tx, input, recipients, created);
  await publishLive(
    tx,
    created.map((c) => c.userId),
    'notifications',
  );
  return created.length;
}

async function queueDeliveries(
  tx: Db,
  input: NotifyInput,
  recipients: { id: string; phone: string | null; email: string | null }[],
  created: { id: number; userId: string }[],
) {
  const officeId = input.officeId as string;
  const office = await loadOfficeChannels(tx, officeId);
  const { config } = office;
  const prefs = new Map(
    (
      await tx
        .select()
        .from(notificationPreferences)
        .where(
          inArray(
            notificationPreferences.userId,
            created.map((c) => c.userId),
          ),
        )
    ).map((p) => [p.userId, p.channels as ChannelPreferences]),
  );
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const important = NOTIFICATION_KINDS[input.kind].important;
  const rows: { notificationId: number; officeId: string; channel: Channel; address: string }[] = [];
  for (const c of created) {
    const user = byId.get(c.userId);
    const pref = prefs.get(c.userId) ?? {};
    if (config.sms?.enabled && important && pref.sms !== false && user?.phone) {
      rows.push({ notificationId: c.id, officeId, channel: 'sms', address: user.phone });
    }
    if (config.email?.enabled && pref.email !== false && user?.email) {
      rows.push({ notificationId: c.id, officeId, channel: 'email', address: user.email });
    }
  }
  if (office.robotKinds.includes(input.kind)) {
    const first = created[0] as { id: number };
    if (config.wecom?.enabled)
      rows.push({ notificationId: first.id, officeId, channel: 'wecom', address: '企业微信群' });
    if (config.dingtalk?.enabled)
      rows.push({ notificationId: first.id, officeId, channel: 'dingtalk', address: '钉钉群' });
  }
  if (rows.length === 0) return;
  const deliveries = await tx
    .insert(notificationDeliveries)
    .values(rows.map((r) => ({ ...r, createdAt: input.at })))
    .onConflictDoNothing()
    .returning({ id: notificationDeliveries.id });
  for (const d of deliveries) {
    await enqueueJob(tx, {
      kind: DELIVER_JOB,
      payload: { deliveryId: d.id },
      dedupeKey: `deliver:${d.id}`,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
  }
}
