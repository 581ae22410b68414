import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notifications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { publishLive } from '../../../lib/live.ts';
import { unreadCount } from '../queries/list-notifications.ts';

/** Marks one of the caller's notifications read (the first time counts); another's is a 404. */
export function markNotificationRead(db: Db, actor: Actor, id: number, at: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)));
    if (!row) throw notFound('消息不存在');
    if (!row.readAt) {
      await tx.update(notifications).set({ readAt: at }).where(eq(notifications.id, id));
      await publishLive(tx, [actor.userId], 'notifications');
    }
    return { unread: await unreadCount(tx, actor.userId) };
  });
}

/** 全部已读. */
export function markAllNotificationsRead(db: Db, actor: Actor, at: Date) {
  return db.transaction(async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
    await publishLive(tx, [actor.userId], 'notifications');
    return { unread: 0 };
  });
}
