import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationPreferences, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict } from '../../lib/errors.ts';
import { STALE_RECORD } from '../../lib/records.ts';
import type { ChannelPreferences } from './notify.ts';
import type { SavePreferencesInput } from './schemas.ts';

/** The caller's channel choices (both on until they say otherwise) and the addresses used. */
export async function getPreferences(db: Db, actor: Actor) {
  const [user] = await db
    .select({ phone: users.phone, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId));
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, actor.userId));
  const c = (row?.channels ?? {}) as ChannelPreferences;
  return {
    sms: c.sms !== false,
    email: c.email !== false,
    phone: user?.phone ?? null,
    emailAddress: user?.email ?? null,
    version: row?.version ?? 0,
  };
}

/** Saves the caller's own choices (nobody sets another's), under optimistic locking. */
export async function savePreferences(db: Db, actor: Actor, input: SavePreferencesInput) {
  const channels: ChannelPreferences = { sms: input.sms, email: input.email };
  const saved =
    input.version === 0
      ? await db
          .insert(notificationPreferences)
          .values({ userId: actor.userId, channels })
          .onConflictDoNothing()
          .returning({ v: notificationPreferences.version })
      : await db
          .update(notificationPreferences)
          .set({ channels, version: sql`${notificationPreferences.version} + 1`, updatedAt: new Date() })
          .where(
            and(
              eq(notificationPreferences.userId, actor.userId),
              eq(notificationPreferences.version, input.version),
            ),
          )
          .returning({ v: notificationPreferences.version });
  if (saved.length === 0) throw conflict(STALE_RECORD);
  return getPreferences(db, actor);
}
