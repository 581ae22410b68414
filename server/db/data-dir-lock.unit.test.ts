import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.ts';

let dir: string;
let file: string;
const notes: string[] = [];
const log = (m: string) => notes.push(m);
const writeLock = (holder: object | string) =>
  fs.writeFileSync(file, typeof holder === 'string' ? holder : JSON.stringify(holder));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-lock-unit-'));
  file = path.join(dir, LOCK_FILE_NAME);
  notes.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('writes who holds the directory and removes the file on release', async () => {
    const lock = await lockDataDir(dir, 'xinbao migrate', log);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: os.hostname(),
      command: 'xinbao migrate',
    });
    lock.release();
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
    expect(notes).toEqual([]);
  });

  it('refuses a second opener in the same process, naming the holder', async () => {
    const lock = await lockDataDir(dir, 'xinbao serve', log);
    const err = await lockDataDir(dir, 'xinbao user reset-password', log).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`正被运行中的信报服务使用（进程 ${process.pid}`);
    expect((err as Error).message).toContain('请先停止服务');
    lock.release();
    (await lockDataDir(dir, 'xinbao migrate', log)).release();
  });

  it('refuses a lock held by a live process of this host', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeLock({
        pid: child.pid,
        hostname: os.hostname(),
        startedAt: new Date().toISOString(),
        command: 'xinbao seed demo',
      });
      const err = await lockDataDir(dir, 'xinbao migrate', log).catch((e: unknown) => e);
      expect((err as Error).message).toContain(`正被另一个信报进程使用（xinbao seed demo，进程 ${child.pid}`);
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a lock from another host (it cannot tell whether that process still runs)', async () => {
    writeLock({ pid: 1, hostname: 'another-host', startedAt: '', command: 'xinbao serve' });
    const err = await lockDataDir(dir, 'xinbao serve', log).catch((e: unknown) => e);
    expect((err as Error).message).toContain('主机 another-host');
    expect((err as Error).message).toContain('如确认它已停止，可删除锁文件');
  });

  it('takes over a lock naming this very pid that this process does not hold (a restarted container)', async () => {
    writeLock({ pid: process.pid, hostname: os.hostname(), startedAt: '', command: 'xinbao serve' });
    const lock = await lockDataDir(dir, 'xinbao serve', log);
    expect(notes[0]).toContain('锁文件已过期');
    lock.release();
  });

  it('takes over an empty or unreadable lock file (a crash between creating and writing it)', async () => {
    writeLock('');
    const lock = await lockDataDir(dir, 'xinbao serve', log);
    expect(notes[0]).toContain('内容无法识别');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('does not remove a lock that is no longer its own', async () => {
    const lock = await lockDataDir(dir, 'xinbao serve', log);
    writeLock({ pid: 42, hostname: 'elsewhere', startedAt: '', command: 'xinbao serve' });
    lock.release();
    expect(fs.existsSync(file)).toBe(true);
  });
});
