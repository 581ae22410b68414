import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { SecurityPolicy } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { type Actor, loadMembership } from '../../lib/actor.ts';

export const SESSION_COOKIE = 'xb_session';
/** Sessions are touched at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a session row inside the caller's transaction; returns the cookie token. */
export async function createSession(
  tx: Db,
  userId: string,
  policy: SecurityPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sha256(token);
  const now = new Date();
  await tx.insert(sessions).values({
    id,
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.sessionAbsoluteHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, csrfToken, id };
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/**
 * Resolves a cookie token to the caller. Idle and absolute timeouts end the session here,
 * so every endpoint sees the same rule.
 */
export async function resolveSession(db: Db, token: string, policy: SecurityPolicy): Promise<SessionLookup> {
  const id = sha256(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  const now = Date.now();
  const idleLimit = row.session.lastSeenAt.getTime() + policy.sessionIdleMinutes * 60_000;
  if (now > idleLimit || now > row.session.expiresAt.getTime() || !row.user.active) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { expired: true };
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  const { roles, units } = await loadMembership(db, row.user.id);
  return {
    actor: {
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      roles,
      units,
      primaryUnit: units.find((u) => u.isPrimary) ?? units[0] ?? null,
      mustChangePassword: row.user.mustChangePassword,
      sessionId: id,
      csrfToken: row.session.csrfToken,
    },
  };
}
