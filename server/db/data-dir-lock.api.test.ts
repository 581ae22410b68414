// One opener per embedded data directory, between real processes: a running `xinbao serve`, the
// CLI commands, a second server, a crashed server's stale lock, several processes racing for it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../test/helpers.ts';
import {
  httpLogin,
  ROOT,
  runXinbao,
  type ServerProcess,
  spawnServe,
  startServe,
} from '../test/xinbao-process.ts';
import { openDatabase } from './client.ts';
import { DataDirLockedError, LOCK_FILE_NAME } from './data-dir-lock.ts';
import { seedDemo } from './seed/demo.ts';

const REPORTER = 'fy_czj_xxy';
const HELD_BY_SERVER = '正被运行中的信报服务使用';

let root: string;
const running: ServerProcess[] = [];

/** A data directory with the demo city (no items), made in this process and closed again. */
async function seededDataDir(name: string): Promise<string> {
  const dataDir = path.join(root, name);
  const database = await openDatabase({ dataDir, command: 'test seed' });
  await database.migrate();
  await seedDemo(database.db, DEMO_PASSWORD, { items: false });
  await database.close();
  return dataDir;
}

async function serveOn(dataDir: string): Promise<ServerProcess> {
  const server = await startServe({ DATA_DIR: dataDir });
  running.push(server);
  return server;
}

const draft = (n: number) => ({
  title: `并发写入校验第${n}条`,
  body: `这是第${n}条用于校验并发写入不丢失的信息正文，内容足够长，不会触发过短的提示。`,
  categoryCode: 'dynamic',
  secrecy: 'public',
  authorPhone: '13935800000',
});

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-lock-'));
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.kill()));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('embedded data directory lock (real processes)', () => {
  it('refuses every CLI command and a second serve while the server runs, and loses nothing', async () => {
    const dataDir = await seededDataDir('held');
    const server = await serveOn(dataDir);
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8'));
    expect(lock).toMatchObject({ pid: server.pid, hostname: os.hostname(), command: 'xinbao serve' });

    const reporter = await httpLogin(server.baseUrl, REPORTER, DEMO_PASSWORD);
    expect(reporter.status).toBe(200);
    const acknowledged: { id: string; title: string }[] = [];
    const write = async (n: number) => {
      const res = await reporter.request('POST', '/api/items', draft(n));
      expect(res.status).toBe(201);
      acknowledged.push({ id: String(res.body.id), title: String(res.body.title) });
    };
    for (let n = 1; n <= 5; n += 1) await write(n);

    const env = { DATA_DIR: dataDir };
    const commands = [
      ['user', 'reset-password', '--username', REPORTER, '--password', 'Chong@Zhi2026'],
      ['user', 'add', '--username', 'lock_probe', '--name', '锁测试', '--unit', 'fy_czj'],
      ['migrate'],
      ['seed', 'demo'],
      ['init', '--office', '测试市人民政府办公室', '--password', 'Chu5hi@Mima'],
    ];
    commands[1].push('--role', 'reporter', '--password', 'Lock@Probe2026');
    // Writes keep arriving while the commands run.
    const [results] = await Promise.all([
      Promise.all(commands.map((args) => runXinbao(args, env))),
      (async () => {
        for (let n = 6; n <= 10; n += 1) await write(n);
      })(),
    ]);
    for (const [i, r] of results.entries()) {
      const what = `xinbao ${commands[i].slice(0, 2).join(' ')}`;
      expect(r.code, `${what}: ${r.stdout}${r.stderr}`).not.toBe(0);
      expect(r.stderr, what).toContain(HELD_BY_SERVER);
      expect(r.stderr, what).toContain(`进程 ${server.pid}`);
      expect(r.stderr, what).toContain('请先停止服务');
      expect(r.stderr, what).not.toContain('Aborted');
    }

    const second = await spawnServe({ DATA_DIR: dataDir });
    running.push(second);
    const secondExit = await second.exited;
    expect(secondExit.code, second.output()).toBe(1);
    expect(second.output()).toContain(HELD_BY_SERVER);
    expect(second.output()).toContain('同一数据目录只能由一个信报服务使用');
    expect(second.output()).not.toContain('Aborted');

    for (let n = 11; n <= 15; n += 1) await write(n);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME)), 'lock released at shutdown').toBe(false);

    const again = await serveOn(dataDir);
    const back = await httpLogin(again.baseUrl, REPORTER, DEMO_PASSWORD);
    expect(back.status, 'the old password still works: the reset was refused').toBe(200);
    expect(back.body).toMatchObject({ user: { mustChangePassword: false } });
    for (const a of acknowledged) {
      const res = await back.request('GET', `/api/items/${a.id}`);
      expect(res.status, a.title).toBe(200);
      expect(res.body.title).toBe(a.title);
    }
    expect(acknowledged).toHaveLength(15);
    const probe = await httpLogin(again.baseUrl, 'lock_probe', 'Lock@Probe2026');
    expect(probe.status, 'user add wrote nothing').toBe(401);
    await again.stop();
  }, 90_000);

  it('takes over the stale lock of a killed server, and of a lock file naming a dead process', async () => {
    const dataDir = await seededDataDir('stale');
    const server = await serveOn(dataDir);
    const reporter = await httpLogin(server.baseUrl, REPORTER, DEMO_PASSWORD);
    const created = await reporter.request('POST', '/api/items', draft(1));
    expect(created.status).toBe(201);
    await server.kill();
    const lockFile = path.join(dataDir, LOCK_FILE_NAME);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid, 'kill -9 leaves the lock').toBe(server.pid);

    const again = await serveOn(dataDir);
    expect(again.output()).toContain('锁文件已过期');
    expect(again.output()).toContain(`进程 ${server.pid} 已不存在`);
    const back = await httpLogin(again.baseUrl, REPORTER, DEMO_PASSWORD);
    const item = await back.request('GET', `/api/items/${created.body.id}`);
    expect(item.status, 'the write acknowledged before kill -9 survives').toBe(200);
    await again.stop();

    // A lock written by hand, naming a process that has ended: a CLI command takes it over.
    const dead = await deadPid();
    fs.writeFileSync(
      lockFile,
      JSON.stringify({
        pid: dead,
        hostname: os.hostname(),
        startedAt: new Date().toISOString(),
        command: 'xinbao serve',
      }),
    );
    const migrate = await runXinbao(['migrate'], { DATA_DIR: dataDir });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stderr).toContain(`锁文件已过期（进程 ${dead} 已不存在）`);
    expect(migrate.stderr).toContain('xinbao migrate');
    expect(fs.existsSync(lockFile), 'released when the command ends').toBe(false);
  }, 90_000);

  it('lets exactly one of several processes racing for one stale lock have it', async () => {
    const dataDir = path.join(root, 'race');
    fs.mkdirSync(dataDir, { recursive: true });
    const lockFile = path.join(dataDir, LOCK_FILE_NAME);
    fs.writeFileSync(
      lockFile,
      JSON.stringify({
        pid: await deadPid(),
        hostname: os.hostname(),
        startedAt: '',
        command: 'xinbao serve',
      }),
    );
    // Each process waits for the same instant, tries once, and holds what it got for a while.
    const at = Date.now() + 4000;
    const script = `
      const { lockDataDir } = await import(${JSON.stringify(path.join(ROOT, 'server/db/data-dir-lock.ts'))});
      await new Promise((r) => setTimeout(r, ${at} - Date.now()));
      try {
        const lock = await lockDataDir(${JSON.stringify(dataDir)}, 'race', () => {});
        console.log('won');
        await new Promise((r) => setTimeout(r, 3000));
        lock.release();
      } catch (e) {
        console.log(e.name === 'DataDirLockedError' ? 'refused' : 'error ' + e.message);
      }`;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => nodeEval(script).then((out) => out.trim())),
    );
    expect(outcomes.sort()).toEqual(['refused', 'refused', 'refused', 'refused', 'won']);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 60_000);
});

describe('openDatabase on an embedded directory (in this process)', () => {
  it('takes no lock for the in-memory database', async () => {
    const [a, b] = await Promise.all([
      openDatabase({ dataDir: 'memory://' }),
      openDatabase({ dataDir: 'memory://' }),
    ]);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a second open of one data directory and frees it on close', async () => {
    const dir = path.join(root, 'in-process');
    const file = path.join(dir, LOCK_FILE_NAME);
    const log = () => {};
    const first = await openDatabase({ dataDir: dir, command: 'xinbao serve', log });
    await expect(openDatabase({ dataDir: dir, command: 'xinbao migrate', log })).rejects.toThrow(
      DataDirLockedError,
    );
    await first.close();
    expect(fs.existsSync(file)).toBe(false);
    const again = await openDatabase({ dataDir: dir, command: 'xinbao migrate', log });
    await again.close();
  }, 30_000);
});

/** The pid of a process that has just ended (not reused this soon). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid ?? 999_999;
}

function nodeEval(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}
