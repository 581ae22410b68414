// Acceptance walkthrough of issue 8 (data loss under concurrency): (a) acknowledged writes survive
// a CLI command run against the live embedded database (it is refused) and a kill -9 of the server;
// (b) eight concurrent wrong passwords lock the account; (c) two instances started together on an
// empty PostgreSQL both come up with the demo city loaded once. The scenario starts and kills its
// own servers, so it cannot run against ACCEPTANCE_BASE_URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { HttpClient } from '../lib/acceptance-kit.mjs';
import { findPgBinDir, startCluster } from '../lib/postgres.mjs';
import { startServer } from '../lib/server.mjs';
import { ROOT } from '../lib/util.mjs';

export const title = '加固：并发与崩溃下不丢已确认的写入 / Hardening: no acknowledged write lost';
export const needs = { ownServers: true };

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';
const REPORTER = 'fy_czj_xxy';
const LOCK_TARGET = 'fy_swj_xxy';
const NEW_PASSWORD = 'Chong@Zhi2026';
const WRITES = 50;
const LANES = 4;
const MIGRATIONS = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'server', 'db', 'migrations', 'meta', '_journal.json'), 'utf8'),
).entries.length;

/** Runs `xinbao <args>` to completion with its output captured. */
function xinbao(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/xinbao.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code, signal) => resolve({ code, signal, out: out.trim() }));
  });
}

const draft = (n) => ({
  title: `加固验收第${n}条：某局推进重点项目建设`,
  body: `第${n}条信息正文。某局围绕年度目标，细化任务清单，压实工作责任，推动各项工作落地见效。`,
  categoryCode: 'dynamic',
  priority: 'normal',
  secrecy: 'public',
  keywords: [],
  authorPhone: '13935800000',
});

async function orgCount(baseUrl) {
  const admin = new HttpClient(baseUrl, 'admin');
  const res = await admin.login('admin', PASSWORD);
  if (res.status !== 200) throw new Error(`admin 登录失败 / login failed: HTTP ${res.status} ${res.text}`);
  const list = await admin.get('/api/orgs?includeInactive=true');
  return list.body?.items?.length ?? -1;
}

export async function run({ external, step, expect }) {
  if (external) {
    throw new Error(
      '此场景自行启动并强制结束服务，不能针对 ACCEPTANCE_BASE_URL 运行 / this scenario starts and kills its own servers; unset ACCEPTANCE_BASE_URL',
    );
  }
  const servers = [];
  let cluster = null;
  let dataRoot = null;
  try {
    // (a) ----------------------------------------------------------------------------------------
    let server;
    let demoOrgs;
    const reporter = () => new HttpClient(server.baseUrl, REPORTER);
    const writer = { client: null };
    await step(
      '启动服务（内嵌数据库，演示数据）',
      'start the server on embedded PGlite with the demo',
      async () => {
        server = await startServer({ label: 'hardening server (PGlite)' });
        servers.push(server);
        dataRoot = server.dataDir;
        demoOrgs = await orgCount(server.baseUrl);
        expect.true(demoOrgs > 40, '演示城市的单位 / demo units', demoOrgs, '> 40');
        writer.client = reporter();
        expect.status(await writer.client.login(REPORTER, PASSWORD), 200, `${REPORTER} 登录 / login`);
        return `进程 / pid ${server.pid}，${demoOrgs} 个单位 / orgs`;
      },
    );

    /** id → the title and version the server acknowledged last. */
    const acknowledged = new Map();
    let cli;
    await step(
      `${WRITES} 次写入，其间执行 xinbao user reset-password`,
      `${WRITES} acknowledged writes while the CLI tries to reset a password`,
      async () => {
        let n = 0;
        let cliDone = false;
        /** Items an edit is in flight for: two lanes never edit one item at the same version. */
        const busy = new Set();
        const writeOnce = async () => {
          n += 1;
          const i = n;
          // A batch of new drafts first, then mostly edits of them (each edit is a new version).
          const idle = [...acknowledged.keys()].filter((id) => !busy.has(id));
          if (acknowledged.size < 15 || i % 3 === 0 || idle.length === 0) {
            const res = await writer.client.post('/api/items', draft(i));
            expect.status(res, 201, `新建草稿 / create draft #${i}`);
            acknowledged.set(res.body.id, { title: res.body.title, version: res.body.version });
            return;
          }
          const id = idle[i % idle.length];
          const before = acknowledged.get(id);
          busy.add(id);
          try {
            const res = await writer.client.patch(`/api/items/${id}`, {
              title: `${before.title.replace(/（改\d+）$/, '')}（改${i}）`,
              version: before.version,
              reason: '加固验收修改',
            });
            expect.status(res, 200, `修改草稿 / edit draft #${i}`);
            expect.equal(res.body.version, before.version + 1, '修改后版本号加一 / version + 1');
            acknowledged.set(id, { title: res.body.title, version: res.body.version });
          } finally {
            busy.delete(id);
          }
        };
        const lane = async () => {
          while (n < WRITES || !cliDone) await writeOnce();
        };
        const lanes = Array.from({ length: LANES }, lane);
        // The operator's command arrives while the writes are flowing.
        while (n < 10) await new Promise((r) => setTimeout(r, 20));
        cli = await xinbao(['user', 'reset-password', '--username', REPORTER, '--password', NEW_PASSWORD], {
          DATA_DIR: path.join(server.dataDir, 'data'),
        });
        cliDone = true;
        await Promise.all(lanes);
        return `${n} 次已确认的写入 / acknowledged writes on ${acknowledged.size} items`;
      },
    );

    await step(
      '命令行被拒绝：服务正在使用数据目录',
      'the CLI was refused: the running server holds the data directory',
      async () => {
        expect.true(cli.code !== 0, '退出码非 0 / non-zero exit code', cli.code, '≠ 0');
        expect.true(cli.out.includes('正被运行中的信报服务使用'), '中文提示 / Chinese message', cli.out);
        expect.true(cli.out.includes(`进程 ${server.pid}`), '提示中的进程号 / names the pid', cli.out);
        expect.true(cli.out.includes('请先停止服务'), '提示先停止服务 / says to stop the service', cli.out);
        expect.true(!cli.out.includes('Aborted'), '没有 Aborted() / no Aborted()', cli.out);
        return cli.out.split('\n')[0];
      },
    );

    await step('强制结束服务（kill -9）', 'kill -9 the server', async () => {
      const killed = await server.kill();
      return killed.message;
    });

    await step(
      '在同一数据目录重启，接管过期的锁',
      'restart on the same data; the stale lock is taken over',
      async () => {
        const dead = server.pid;
        server = await startServer({ label: 'hardening server (restart)', dataDir: dataRoot });
        servers.push(server);
        const log = fs.readFileSync(server.logFile, 'utf8');
        expect.true(
          log.includes('锁文件已过期'),
          '日志说明接管了过期的锁 / log says the stale lock was taken over',
          log,
        );
        expect.true(log.includes(`进程 ${dead} 已不存在`), '日志中的旧进程号 / names the dead pid', log);
        return log.split('\n').find((l) => l.includes('锁文件已过期'));
      },
    );

    await step(
      '每个已确认的写入都在，版本一致',
      'every acknowledged write is there at its version',
      async () => {
        writer.client = reporter();
        expect.status(await writer.client.login(REPORTER, PASSWORD), 200, '旧密码登录 / old password');
        const lost = [];
        for (const [id, want] of acknowledged) {
          const res = await writer.client.get(`/api/items/${id}`);
          if (res.status !== 200 || res.body.version !== want.version || res.body.title !== want.title)
            lost.push({
              id,
              want,
              got: res.status === 200 ? { title: res.body.title, version: res.body.version } : res.status,
            });
        }
        expect.equal(lost, [], '丢失或回退的写入 / lost or rolled-back writes');
        return `${acknowledged.size} 条信息全部一致 / all ${acknowledged.size} items match`;
      },
    );

    await step(
      '旧密码仍然有效，新密码无效',
      'the old password still works, the refused new one does not',
      async () => {
        const me = await writer.client.get('/api/auth/me');
        expect.equal(me.body?.user?.mustChangePassword, false, '无须修改密码（未被重置）/ not reset');
        const other = new HttpClient(server.baseUrl, REPORTER);
        const res = await other.login(REPORTER, NEW_PASSWORD);
        expect.status(res, 401, '用被拒绝的新密码登录 / login with the refused password');
      },
    );

    // (c) before (b), while the embedded server keeps running: a failed lockout check stops the
    // walkthrough, and should not hide the PostgreSQL result. ------------------------------------
    const bin = findPgBinDir();
    if (bin)
      await twoInstancesOnPostgres({
        step,
        expect,
        bin,
        demoOrgs,
        servers,
        setCluster: (c) => {
          cluster = c;
        },
      });
    else
      console.log(
        '– 跳过 / skipped: 未找到 PostgreSQL 服务端程序（initdb、pg_ctl），两实例同时启动的检查未运行。安装：apt-get install -y postgresql / PostgreSQL binaries not found',
      );

    // (b) ----------------------------------------------------------------------------------------
    await step(
      '同一账号并发 8 次错误密码后被锁定',
      '8 concurrent wrong passwords lock the account',
      async () => {
        const attempts = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            new HttpClient(server.baseUrl, LOCK_TARGET).login(LOCK_TARGET, `Wrong@Pass${i}x`),
          ),
        );
        for (const r of attempts) expect.status(r, 401, '错误密码 / wrong password');
        const right = await new HttpClient(server.baseUrl, LOCK_TARGET).login(LOCK_TARGET, PASSWORD);
        expect.status(right, 401, '锁定后用正确密码登录 / right password after the lockout');
        expect.equal(right.body?.code, 'ACCOUNT_LOCKED', '错误码 / error code');
        expect.chinese(right.body?.message, '锁定提示 / lockout message');
        return right.body.message;
      },
    );

    await step('服务正常停止', 'the server stops cleanly', async () => {
      const stopped = await server.stop();
      expect.true(stopped.clean, stopped.message, stopped);
      return stopped.message;
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    cluster?.stop();
    if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true });
  }
}

/** (c): two instances started together on an empty database of a throwaway PostgreSQL cluster. */
async function twoInstancesOnPostgres({ step, expect, bin, demoOrgs, servers, setCluster }) {
  let cluster;
  let pair;
  // One attachment store for both, as several instances on one database must share (README).
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-shared-files-'));
  try {
    await step(
      '两个实例同时在空的 PostgreSQL 上启动',
      'two instances start together on an empty PostgreSQL',
      async () => {
        cluster = await startCluster(bin);
        setCluster(cluster);
        const env = { DATABASE_URL: cluster.url, FILES_DIR: filesDir };
        const started = await Promise.allSettled([
          startServer({ label: 'hardening instance 1 (PostgreSQL)', env }),
          startServer({ label: 'hardening instance 2 (PostgreSQL)', env }),
        ]);
        for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
        const failed = started.filter((s) => s.status === 'rejected').map((s) => String(s.reason?.message));
        expect.equal(failed, [], '启动失败的实例 / instances that failed to start');
        pair = started.map((s) => s.value);
        for (const s of pair) {
          const health = await new HttpClient(s.baseUrl).get('/api/health');
          expect.status(health, 200, `${s.baseUrl}/api/health`);
          expect.equal(health.body?.database, 'postgresql', 'database');
        }
        return pair.map((s) => s.baseUrl).join(' + ');
      },
    );

    await step(
      '演示数据只载入一次，迁移只执行一次',
      'the demo was loaded once, each migration applied once',
      async () => {
        const c = new pg.Client({ connectionString: cluster.url });
        await c.connect();
        try {
          const orgs = Number((await c.query('SELECT count(*) AS n FROM orgs')).rows[0].n);
          expect.equal(orgs, demoOrgs, '单位数 = 一次演示数据 / orgs = one demo seed');
          const admins = Number(
            (await c.query("SELECT count(*) AS n FROM users WHERE username = 'admin'")).rows[0].n,
          );
          expect.equal(admins, 1, 'admin 账号数 / admin accounts');
          const applied = Number(
            (await c.query('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).rows[0].n,
          );
          expect.equal(applied, MIGRATIONS, '已执行的迁移 / applied migrations');
        } finally {
          await c.end();
        }
        for (const s of pair)
          expect.equal(await orgCount(s.baseUrl), demoOrgs, `${s.baseUrl} 的单位数 / orgs`);
        const logs = pair.map((s) => fs.readFileSync(s.logFile, 'utf8')).join('\n');
        expect.true(
          logs.includes('另一个信报实例正在迁移或初始化同一个数据库'),
          '一个实例等待了另一个 / one instance waited for the other',
          logs.slice(-2000),
        );
        return `${demoOrgs} 个单位 / orgs，${MIGRATIONS} 个迁移 / migrations`;
      },
    );

    await step('两个实例都正常停止', 'both instances stop cleanly', async () => {
      const results = await Promise.all(pair.map((s) => s.stop()));
      for (const r of results) expect.true(r.clean, r.message, r);
    });
  } finally {
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}
