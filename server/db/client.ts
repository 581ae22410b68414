import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type the code sees, whether PGlite or PostgreSQL sits behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  /**
   * Runs start-up work (migrate, "empty? → seed") while no other instance does the same. On
   * PostgreSQL this is an advisory lock, as several instances may share one database; the embedded
   * database needs nothing more, since its data directory has only one opener.
   */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every `pg_notify(channel, payload)` committed by any connection — on
   * PostgreSQL also by other instances (one dedicated connection, reopened when it drops).
   * Returns the function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  databaseUrl?: string;
  dataDir: string;
  /** Written into the embedded data directory's lock file, e.g. `xinbao serve`. */
  command?: string;
  /** Where start-up notes go (a stale lock taken over, waiting for another instance). */
  log?: (message: string) => void;
};

/**
 * Key of the PostgreSQL advisory lock held around migrations and the demo seed: the bytes of
 * "xinbao", fixed so every instance and every CLI command of any version takes the same lock.
 */
export const STARTUP_LOCK_KEY = '132394218840431'; // 0x78696e62616f

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `<dataDir>/pg`
 * (`memory://` keeps it in memory, for tests). The embedded directory is locked for as long as it
 * is open (`<dataDir>/pg.lock`): a second opener gets DataDirLockedError and touches nothing.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const log = opts.log ?? ((m: string) => console.warn(m));
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection can be closed by the server (restart, failover, administrator). The pool
    // drops it and opens a new one on demand; without a listener the error would end the process.
    pool.on('error', (err) => {
      console.error(`PostgreSQL 空闲连接已断开：${err.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgresql',
      migrate: () => migratePg(db as never, { migrationsFolder }),
      withStartupLock: (fn) => withAdvisoryLock(pool, fn, log),
      listen: (channel, onPayload) => listenPg(opts.databaseUrl as string, channel, onPayload, log),
      close: () => pool.end(),
    };
  }
  if (opts.dataDir === 'memory://') {
    const client = await PGlite.create();
    return pgliteDatabase(client, async () => {});
  }
  const lock = await lockDataDir(opts.dataDir, opts.command ?? 'xinbao', log);
  try {
    const dir = path.join(opts.dataDir, 'pg');
    fs.mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(dir);
    return pgliteDatabase(client, async () => lock.release());
  } catch (e) {
    lock.release();
    throw e;
  }
}

function pgliteDatabase(client: PGlite, afterClose: () => Promise<void>): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    withStartupLock: (fn) => fn(),
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    async close() {
      try {
        await client.close();
      } finally {
        await afterClose();
      }
    },
  };
}

/**
 * Holds the start-up advisory lock on one dedicated connection (session-level, so it lasts across
 * the migrator's and the seed's own transactions on other connections) while `fn` runs.
 */
async function withAdvisoryLock<T>(
  pool: pg.Pool,
  fn: () => Promise<T>,
  log: (m: string) => void,
): Promise<T> {
  const conn = await pool.connect();
  // A connection whose unlock failed is closed rather than reused: ending the session releases it.
  let discard = true;
  try {
    const { rows } = await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
      STARTUP_LOCK_KEY,
    ]);
    if (!rows[0]?.ok) {
      log('另一个信报实例正在迁移或初始化同一个数据库，等待它完成…');
      await conn.query('SELECT pg_advisory_lock($1::bigint)', [STARTUP_LOCK_KEY]);
    }
    try {
      return await fn();
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1::bigint)', [STARTUP_LOCK_KEY]).then(
        () => {
          discard = false;
        },
        () => {},
      );
    }
  } finally {
    conn.release(discard);
  }
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). When the
 * connection drops (server restart, failover) it is reopened after a pause; notifications sent
 * meanwhile are lost, so listeners treat a payload as "look again", never as the data itself.
 */
async function listenPg(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  log: (m: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const open = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    c.on('error', (err) => {
      log(`PostgreSQL 通知连接已断开：${err.message}`);
      c.end().catch(() => {});
      if (client === c) client = null;
      if (!stopped) retry = setTimeout(() => void open().catch(() => {}), 2000);
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (stopped) {
      await c.end();
      return;
    }
    client = c;
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
    client = null;
  };
}
