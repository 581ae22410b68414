import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { jobs } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { manualClock } from '../clock.ts';
import {
  backoffMs,
  createScheduler,
  enqueueJob,
  LEASE_MS,
  PermanentJobError,
  RetryLater,
  type Scheduler,
} from './scheduler.ts';

const log = pino({ level: 'silent' });
const clock = manualClock('2026-03-05T00:00:00Z');
let t: TestApp;
/** On PostgreSQL a second pool on the same database: another app instance, as far as jobs go. */
let second: Database | null = null;

beforeAll(async () => {
  t = await createTestApp({ seed: false, clock });
  const url = t.app.xinbao.config.databaseUrl;
  if (url) second = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
});
afterAll(async () => {
  await second?.close();
  await t.close();
});
beforeEach(async () => {
  clock.set('2026-03-05T00:00:00Z');
  await t.database.db.delete(jobs);
});

const db = () => t.database.db;
function instance(id: string, onDb = db()): Scheduler {
  return createScheduler({ db: onDb, clock, log }, id);
}
const statusOf = async (dedupeKey: string) =>
  (await db().select().from(jobs).where(eq(jobs.dedupeKey, dedupeKey)))[0];

describe('scheduler', () => {
  it('runs a job when it is due, not before, and once', async () => {
    const s = instance('a');
    const runs: unknown[] = [];
    s.register('t.echo', async (job) => {
      runs.push(job.payload);
    });
    await enqueueJob(db(), {
      kind: 't.echo',
      payload: { n: 1 },
      runAt: new Date('2026-03-05T01:00:00Z'),
      dedupeKey: 'e1',
    });
    expect(await s.runDue()).toEqual({ ran: 0, failed: 0 });
    clock.advance(60 * 60_000);
    expect(await s.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(await s.runDue()).toEqual({ ran: 0, failed: 0 });
    expect(runs).toEqual([{ n: 1 }]);
    expect((await statusOf('e1'))?.status).toBe('done');
  });

  it('enqueues a dedupe key once, also when asked again', async () => {
    const runAt = clock.now();
    expect(await enqueueJob(db(), { kind: 't.x', runAt, dedupeKey: 'same' })).toBe(true);
    expect(await enqueueJob(db(), { kind: 't.x', runAt, dedupeKey: 'same' })).toBe(false);
    expect(await db().select().from(jobs)).toHaveLength(1);
  });

  it('retries a failure with backoff, then gives up as failed', async () => {
    const s = instance('a');
    let calls = 0;
    s.register('t.flaky', async () => {
      calls++;
      throw new Error('网关无响应');
    });
    await enqueueJob(db(), { kind: 't.flaky', runAt: clock.now(), dedupeKey: 'f', maxAttempts: 3 });
    expect((await s.runDue()).failed).toBe(1);
    let row = await statusOf('f');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '网关无响应' });
    expect(row?.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    // Not before the backoff has passed.
    clock.advance(backoffMs(1) - 1);
    expect((await s.runDue()).failed).toBe(0);
    clock.advance(1);
    await s.runDue();
    clock.advance(backoffMs(2));
    await s.runDue();
    row = await statusOf('f');
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    clock.advance(backoffMs(10));
    await s.runDue();
    expect(calls).toBe(3);
  });

  it('fails a permanent error at once; RetryLater waits without using an attempt', async () => {
    const s = instance('a');
    s.register('t.perm', async () => {
      throw new PermanentJobError('用户未登记手机号');
    });
    let limited = 2;
    s.register('t.limited', async () => {
      if (limited-- > 0) throw new RetryLater(15_000, '每分钟最多 20 条');
    });
    await enqueueJob(db(), { kind: 't.perm', runAt: clock.now(), dedupeKey: 'p' });
    await enqueueJob(db(), { kind: 't.limited', runAt: clock.now(), dedupeKey: 'l', maxAttempts: 1 });
    await s.runDue();
    expect(await statusOf('p')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: '用户未登记手机号',
    });
    expect(await statusOf('l')).toMatchObject({ status: 'pending', attempts: 0 });
    clock.advance(15_000);
    await s.runDue();
    clock.advance(15_000);
    await s.runDue();
    expect(await statusOf('l')).toMatchObject({ status: 'done' });
  });

  it('a job with no handler fails and names its kind', async () => {
    await enqueueJob(db(), { kind: 't.unknown', runAt: clock.now(), dedupeKey: 'u' });
    await instance('a').runDue();
    expect((await statusOf('u'))?.lastError).toContain('t.unknown');
  });

  it('two instances on one database run each of 60 jobs exactly once', async () => {
    const counts = new Map<number, number>();
    const handler = async (job: { payload: unknown }) => {
      const n = (job.payload as { n: number }).n;
      counts.set(n, (counts.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    };
    const a = instance('a');
    const b = instance('b', second?.db ?? db());
    a.register('t.count', handler);
    b.register('t.count', handler);
    for (let n = 0; n < 60; n++)
      await enqueueJob(db(), { kind: 't.count', payload: { n }, runAt: clock.now(), dedupeKey: `c${n}` });
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra.ran + rb.ran).toBe(60);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    if (second) {
      // On PostgreSQL the two really ran side by side: each took a share.
      expect(ra.ran).toBeGreaterThan(0);
      expect(rb.ran).toBeGreaterThan(0);
    }
  });

  it('a claim whose instance died is taken again once its lease has passed', async () => {
    const b = instance('b');
    let ran = 0;
    b.register('t.orphan', async () => {
      ran++;
    });
    await enqueueJob(db(), { kind: 't.orphan', runAt: clock.now(), dedupeKey: 'o' });
    // Instance a claimed it and was killed before finishing.
    await db()
      .update(jobs)
      .set({
        status: 'running',
        lockedBy: 'a',
        lockedUntil: new Date(clock.now().getTime() + LEASE_MS),
        attempts: 1,
      })
      .where(eq(jobs.dedupeKey, 'o'));
    await b.runDue();
    expect(ran).toBe(0);
    clock.advance(LEASE_MS + 1);
    await b.runDue();
    expect(ran).toBe(1);
    expect(await statusOf('o')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a late finish by the dead instance does not overwrite the new holder’s result', async () => {
    const a = instance('a');
    let release: () => void = () => {};
    a.register('t.slow', () => new Promise<void>((r) => (release = r)));
    await enqueueJob(db(), { kind: 't.slow', runAt: clock.now(), dedupeKey: 's' });
    const running = a.runDue();
    await new Promise((r) => setTimeout(r, 50));
    // a's lease passes while it still works; b takes the job and fails it for good.
    clock.advance(LEASE_MS + 1);
    const b = instance('b');
    b.register('t.slow', async () => {
      throw new PermanentJobError('第二次运行失败');
    });
    await b.runDue();
    release();
    await running;
    expect(await statusOf('s')).toMatchObject({ status: 'failed', lastError: '第二次运行失败' });
  });

  it('a recurring slot runs once across instances, a missed one catches up once, an old one is skipped', async () => {
    const runs: string[] = [];
    const make = (id: string) => {
      const s = instance(id);
      s.register('t.daily', async (job) => {
        runs.push(`${id}:${job.runAt.toISOString()}`);
      });
      s.recurring({ kind: 't.daily', schedule: { dailyAt: '08:00' } });
      return s;
    };
    const a = make('a');
    const b = make('b');
    clock.set('2026-03-05T00:00:05Z'); // 08:00:05 Beijing time
    await Promise.all([a.runDue(), b.runDue()]);
    await a.runDue();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/2026-03-05T00:00:00.000Z$/);
    // Down for three days: on start the latest slot runs once, the older ones are not made up.
    clock.set('2026-03-08T03:00:00Z');
    await b.runDue();
    expect(runs.slice(1).map((r) => r.split(':').slice(1).join(':'))).toEqual(['2026-03-08T00:00:00.000Z']);
  });

  it('jobs outlive the instance: a new scheduler runs what the old one left', async () => {
    await enqueueJob(db(), {
      kind: 't.later',
      runAt: new Date(clock.now().getTime() + 1000),
      dedupeKey: 'k',
    });
    const old = instance('old');
    await old.stop();
    const fresh = instance('new');
    let ran = false;
    fresh.register('t.later', async () => {
      ran = true;
    });
    clock.advance(1000);
    await fresh.runDue();
    expect(ran).toBe(true);
  });
});
