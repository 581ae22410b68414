import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notifications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { offsetOf } from '../../../lib/pagination.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../kinds.ts';
import type { ListNotificationsQuery, NotificationView } from '../schemas.ts';

/** The caller's unread count: an index-only count over their unread rows (a partial index). */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** 消息中心: the caller's own notifications, newest first; nobody reads another's. */
export async function listNotifications(db: Db, actor: Actor, q: ListNotificationsQuery) {
  const conds: SQL[] = [eq(notifications.userId, actor.userId)];
  if (q.unread) conds.push(isNull(notifications.readAt));
  if (q.kind) conds.push(eq(notifications.kind, q.kind));
  const where = and(...conds);
  const [rows, [total], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ n: count() }).from(notifications).where(where),
    unreadCount(db, actor.userId),
  ]);
  return {
    items: rows.map(present),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    unread,
  };
}

function present(r: typeof notifications.$inferSelect): NotificationView {
  const kind = r.kind as NotificationKind;
  return {
    id: r.id,
    kind,
    kindLabel: NOTIFICATION_KINDS[kind]?.label ?? r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}
