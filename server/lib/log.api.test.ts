import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { DEMO_PASSWORD, login } from '../test/helpers.ts';

/**
 * The server log never shows a password hash (issue 8 item 11c). A failed statement used to be
 * logged whole: Drizzle's error message lists every bound value and PostgreSQL's `detail` quotes
 * the failing row, so a failed insert or update of `users` printed `$argon2id$…`. Here statements
 * on `users` are made to fail on purpose (a trigger, a check constraint) and the log is read back.
 */

let app: FastifyInstance;
let database: Database;
const lines: string[] = [];
const logText = () => lines.join('');

beforeAll(async () => {
  const config = loadConfig({
    LOG_LEVEL: 'info',
    DATA_DIR: 'memory://',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  });
  database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  await seedDemo(database.db, DEMO_PASSWORD, { items: false, filesDir: config.filesDir });
  app = await buildApp({ config, database, logStream: { write: (line: string) => void lines.push(line) } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the error log on a failed statement', () => {
  it('holds the statement and the database error, never the bound password hash', async () => {
    await database.db.execute(
      sql.raw(`create function xb_test_refuse_password() returns trigger language plpgsql as $$
        begin
          if new.password_hash <> old.password_hash then raise exception 'test: password change refused'; end if;
          return new;
        end $$`),
    );
    await database.db.execute(
      sql.raw(
        'create trigger xb_test_refuse_password before update on users for each row execute function xb_test_refuse_password()',
      ),
    );
    try {
      const s = await login(app, 'fy_czj_xxy');
      lines.length = 0;
      const res = await s.request('POST', '/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'Xin#mima2026ab',
      });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('argon2');
      const log = logText();
      expect(log).toContain('unhandled error');
      expect(log).toContain('test: password change refused');
      expect(log).toContain('update \\"users\\"');
      expect(log).not.toContain('$argon2');
      expect(log).not.toContain('params:');
    } finally {
      await database.db.execute(sql.raw('drop trigger xb_test_refuse_password on users'));
    }
  });

  it('drops PostgreSQL’s “Failing row contains (…)” detail, which quotes the whole row', async () => {
    await database.db.execute(
      sql.raw(`alter table users add constraint xb_test_no_boom check (display_name <> '测试爆炸')`),
    );
    try {
      const admin = await login(app, 'admin');
      const [target] = await database.db.select().from(users).where(eq(users.username, 'fy_swj_xxy'));
      lines.length = 0;
      const res = await admin.request('PATCH', `/api/users/${target.id}`, {
        displayName: '测试爆炸',
        version: target.version,
      });
      expect(res.statusCode, res.body).toBe(500);
      const log = logText();
      expect(log).toContain('xb_test_no_boom');
      expect(log).not.toContain('$argon2');
      expect(log).not.toContain('Failing row');
    } finally {
      await database.db.execute(sql.raw('alter table users drop constraint xb_test_no_boom'));
    }
  });

  it('never logs the password or session cookie of a request', async () => {
    lines.length = 0;
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Secret#Wrong1' },
      headers: { cookie: 'xb_session=abcdef123456' },
    });
    const log = logText();
    expect(log).not.toContain('Secret#Wrong1');
    expect(log).not.toContain('abcdef123456');
  });
});
