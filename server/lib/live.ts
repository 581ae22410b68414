import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';

/**
 * Live updates for open pages. A write that others should see at once calls `publishLive` in its
 * transaction: `pg_notify` is delivered on commit (never for a rolled-back write), to every
 * instance listening on the database. Each instance's hub passes the topic to the server-sent
 * event streams of the users named, and the page reloads what the topic concerns. The payload
 * says only "look again": a notification lost while a connection was down costs freshness, not data.
 */
export const LIVE_CHANNEL = 'xinbao_live';

/** What changed: the bell, the office inbox, the unit's items, instructions, commissions. */
export const LIVE_TOPICS = ['notifications', 'inbox', 'items', 'instructions', 'commissions'] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/** PostgreSQL limits a payload to 8000 bytes; 150 ids of 36 characters stay well inside. */
const USERS_PER_PAYLOAD = 150;

export async function publishLive(tx: Db, userIds: Iterable<string>, topic: LiveTopic): Promise<void> {
  const ids = [...new Set(userIds)];
  for (let i = 0; i < ids.length; i += USERS_PER_PAYLOAD) {
    const payload = JSON.stringify({ t: topic, u: ids.slice(i, i + USERS_PER_PAYLOAD) });
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
  }
}

export type LiveListener = (topic: LiveTopic) => void;

export type LiveHub = {
  /** `onStop` ends the stream when the server shuts down (open streams would hold it up). */
  subscribe(userId: string, listener: LiveListener, onStop?: () => void): () => void;
  /** Open streams, for the health check and tests. */
  size(): number;
  stop(): Promise<void>;
};

export async function startLiveHub(database: Database, onError: (e: unknown) => void): Promise<LiveHub> {
  const byUser = new Map<string, Set<LiveListener>>();
  const stoppers = new Set<() => void>();
  const unlisten = await database.listen(LIVE_CHANNEL, (payload) => {
    try {
      const { t, u } = JSON.parse(payload) as { t: LiveTopic; u: string[] };
      if (!LIVE_TOPICS.includes(t)) return;
      for (const id of u) for (const l of byUser.get(id) ?? []) l(t);
    } catch (e) {
      onError(e);
    }
  });
  return {
    subscribe(userId, listener, onStop) {
      const set = byUser.get(userId) ?? new Set<LiveListener>();
      byUser.set(userId, set);
      set.add(listener);
      if (onStop) stoppers.add(onStop);
      return () => {
        set.delete(listener);
        if (set.size === 0) byUser.delete(userId);
        if (onStop) stoppers.delete(onStop);
      };
    },
    size: () => [...byUser.values()].reduce((n, s) => n + s.size, 0),
    async stop() {
      for (const stop of [...stoppers]) stop();
      await unlisten();
    },
  };
}
