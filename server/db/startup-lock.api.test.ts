// Several instances on one PostgreSQL: two `xinbao serve` started together on an empty database
// both come up, with the migrations applied and the demo city loaded exactly once.
// PostgreSQL only (TEST_DATABASE_URL, set by `npm run test:api:pg`): the embedded database allows
// one process per data directory, which data-dir-lock.api.test.ts covers.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runXinbao, type ServerProcess, spawnServe, waitHealthy } from '../test/xinbao-process.ts';
import { DEMO_OFFICES, DEMO_UNITS } from './seed/demo.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const running: ServerProcess[] = [];
let dropDatabase = async () => {};

afterAll(async () => {
  await Promise.all(running.map((s) => s.kill()));
  await dropDatabase();
});

describe.skipIf(!adminUrl)(
  'two instances starting together on an empty PostgreSQL (needs TEST_DATABASE_URL)',
  () => {
    it('both come up; migrations and the demo seed happen once', async () => {
      const name = `xb_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      dropDatabase = async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
      const url = new URL(adminUrl as string);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();

      const filesRoot = fs.mkdtempSync(path.join('/tmp', 'xinbao-pg-files-'));
      const env = (i: number) => ({
        DATABASE_URL: databaseUrl,
        XINBAO_SEED_DEMO: 'true',
        // One shared store, as several instances must have (README: FILES_DIR).
        FILES_DIR: path.join(filesRoot, 'files'),
        DATA_DIR: path.join(filesRoot, `data-${i}`),
      });
      const [a, b] = await Promise.all([spawnServe(env(1)), spawnServe(env(2))]);
      running.push(a, b);
      try {
        await Promise.all([waitHealthy(a, 150_000), waitHealthy(b, 150_000)]);
        for (const s of [a, b]) {
          const health = await fetch(`${s.baseUrl}/api/health`);
          expect(health.status).toBe(200);
          expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgresql' });
        }
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        try {
          const orgs = await c.query<{ n: string }>('SELECT count(*) AS n FROM orgs');
          expect(Number(orgs.rows[0].n), 'the demo city once').toBe(DEMO_OFFICES.length + DEMO_UNITS.length);
          const admins = await c.query<{ n: string }>(
            "SELECT count(*) AS n FROM users WHERE username = 'admin'",
          );
          expect(Number(admins.rows[0].n)).toBe(1);
          const migrations = await c.query<{ n: string }>(
            'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
          );
          const journal = JSON.parse(
            fs.readFileSync(path.join(import.meta.dirname, 'migrations', 'meta', '_journal.json'), 'utf8'),
          ) as { entries: unknown[] };
          expect(Number(migrations.rows[0].n), 'each migration applied once').toBe(journal.entries.length);
        } finally {
          await c.end();
        }
        // No file lock on PostgreSQL: a CLI command works while the servers run.
        const cli = await runXinbao(
          ['user', 'reset-password', '--username', 'fy_czj_xxy', '--password', 'Chong@Zhi2026'],
          {
            DATABASE_URL: databaseUrl,
          },
        );
        expect(cli.code, cli.stderr).toBe(0);
        expect(cli.stdout).toContain('已重置 fy_czj_xxy 的密码');
        // The one that waited says so; both print nothing alarming.
        const outputs = `${a.output()}\n${b.output()}`;
        expect(outputs).toContain('另一个信报实例正在迁移或初始化同一个数据库');
        expect(outputs).not.toMatch(/duplicate key|already exists|服务启动失败/);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        fs.rmSync(filesRoot, { recursive: true, force: true });
      }
    }, 200_000);
  },
);
