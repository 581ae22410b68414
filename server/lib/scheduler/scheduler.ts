import { randomBytes } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { jobs } from '../../db/schema/index.ts';
import { type Clock, DAY_MS, MINUTE_MS } from '../clock.ts';
import { latestSlot, type Schedule } from './schedule.ts';

/**
 * The scheduler: deadlines, reminders, overdue marks and outbound deliveries run as rows of `jobs`.
 *
 * - Exactly one run per row, also with several instances on one PostgreSQL: a tick claims due rows
 *   with `FOR UPDATE SKIP LOCKED` and marks them `running` under a lease; a row whose instance died
 *   (its lease passed) is claimed again, so handlers must be idempotent (each checks its own record).
 * - Enqueueing is part of the caller's transaction, and `dedupeKey` makes it happen once (a
 *   recurring slot, the delivery of one notification on one channel).
 * - A failure is retried with exponential backoff until `maxAttempts`; `RetryLater` reschedules
 *   (a rate limit) without using up an attempt; `PermanentJobError` fails at once.
 * - Time is the injected clock: tests move it and call `runDue()`; nothing waits on wall time.
 */

export type JobRow = typeof jobs.$inferSelect;
export type JobContext = { db: Db; clock: Clock; log: FastifyBaseLogger };
export type JobHandler = (job: JobRow, ctx: JobContext) => Promise<void>;

/** A job run on a schedule: one row per slot (dedupe key `recurring:<kind>:<slot>`). */
export type RecurringJob = {
  kind: string;
  schedule: Schedule;
  /** How old a missed slot may be and still run once at start-up (default: one period, ≤ 1 day). */
  catchUpMs?: number;
};

/**
 * Reschedule after `delayMs`: our own rate limit does not use up an attempt; a remote 429
 * (`countsAttempt`) does, so an endpoint that always refuses is given up in the end.
 */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    message: string,
    readonly countsAttempt = false,
  ) {
    super(message);
  }
}

/** A failure no retry can mend (a missing address, a rejected configuration). */
export class PermanentJobError extends Error {}

/**
 * "As soon as possible": a job enqueued by a request is due whatever any instance's clock says
 * (a request's time and a test's manual clock need not agree), and goes before later ones.
 */
export const IMMEDIATELY = new Date(0);

export type EnqueueInput = {
  kind: string;
  payload?: Record<string, unknown>;
  /** Default: IMMEDIATELY. */
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
};

/** Adds a job in the caller's transaction; with a `dedupeKey` already present it adds nothing. */
export async function enqueueJob(tx: Db, input: EnqueueInput): Promise<boolean> {
  const rows = await tx
    .insert(jobs)
    .values({
      kind: input.kind,
      payload: input.payload ?? {},
      runAt: input.runAt ?? IMMEDIATELY,
      dedupeKey: input.dedupeKey ?? null,
      maxAttempts: input.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export const LEASE_MS = 5 * MINUTE_MS;
const BATCH = 20;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * MINUTE_MS;
/** Finished rows are kept this long (the delivery log keeps its own rows). */
export const KEEP_FINISHED_MS = 30 * DAY_MS;

/** 30 s, 1 min, 2 min … up to an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_MAX_MS);
}

export type Scheduler = {
  readonly instanceId: string;
  register(kind: string, handler: JobHandler): void;
  recurring(job: RecurringJob): void;
  /** Enqueues the recurring slots now due, then claims and runs due jobs until none is left. */
  runDue(): Promise<{ ran: number; failed: number }>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
};

export function createScheduler(ctx: JobContext, instanceId = randomBytes(4).toString('hex')): Scheduler {
  const handlers = new Map<string, JobHandler>();
  const recurringJobs: RecurringJob[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function enqueueSlots(now: Date) {
    for (const r of recurringJobs) {
      const slot = latestSlot(r.schedule, now);
      if (!slot) continue;
      const catchUp = r.catchUpMs ?? Math.min(periodMs(r.schedule), DAY_MS);
      if (now.getTime() - slot.getTime() > catchUp) continue;
      await enqueueJob(ctx.db, {
        kind: r.kind,
        runAt: slot,
        dedupeKey: `recurring:${r.kind}:${slot.toISOString()}`,
        maxAttempts: 3,
      });
    }
  }

  async function claim(now: Date): Promise<JobRow[]> {
    const leaseEnd = new Date(now.getTime() + LEASE_MS);
    const result = await ctx.db.execute(sql`
      update jobs set status = 'running', locked_by = ${instanceId}, locked_until = ${leaseEnd.toISOString()},
        attempts = attempts + 1
      where id in (
        select id from jobs
        where (status = 'pending' and run_at <= ${now.toISOString()})
           or (status = 'running' and locked_until < ${now.toISOString()})
        order by run_at, id
        limit ${BATCH}
        for update skip locked)
      returning id`);
    const ids = (result as unknown as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id));
    if (ids.length === 0) return [];
    const rows = await ctx.db.select().from(jobs).where(inArray(jobs.id, ids));
    return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  }

  /** Only the holder of the claim may finish a row (a reclaimed row belongs to its new holder). */
  const mine = (job: JobRow) =>
    and(eq(jobs.id, job.id), eq(jobs.lockedBy, instanceId), eq(jobs.status, 'running'));

  async function runOne(job: JobRow): Promise<boolean> {
    const handler = handlers.get(job.kind);
    const now = () => ctx.clock.now();
    try {
      if (!handler) throw new PermanentJobError(`没有处理“${job.kind}”任务的程序`);
      await handler(job, ctx);
      await ctx.db
        .update(jobs)
        .set({ status: 'done', finishedAt: now(), lockedBy: null, lockedUntil: null, lastError: null })
        .where(mine(job));
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof RetryLater && !(e.countsAttempt && job.attempts >= job.maxAttempts)) {
        await ctx.db
          .update(jobs)
          .set({
            status: 'pending',
            attempts: e.countsAttempt ? job.attempts : job.attempts - 1,
            runAt: new Date(now().getTime() + e.delayMs),
            lockedBy: null,
            lockedUntil: null,
            lastError: message,
          })
          .where(mine(job));
        return true;
      }
      const final = e instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      if (!(e instanceof PermanentJobError))
        ctx.log.warn({ err: e, job: job.kind, attempt: job.attempts }, '任务失败');
      await ctx.db
        .update(jobs)
        .set(
          final
            ? { status: 'failed', finishedAt: now(), lockedBy: null, lockedUntil: null, lastError: message }
            : {
                status: 'pending',
                runAt: new Date(now().getTime() + backoffMs(job.attempts)),
                lockedBy: null,
                lockedUntil: null,
                lastError: message,
              },
        )
        .where(mine(job));
      return false;
    }
  }

  async function runDue() {
    let ran = 0;
    let failed = 0;
    await enqueueSlots(ctx.clock.now());
    for (;;) {
      if (stopped) break;
      const batch = await claim(ctx.clock.now());
      if (batch.length === 0) break;
      for (const job of batch) {
        if (await runOne(job)) ran++;
        else failed++;
      }
    }
    return { ran, failed };
  }

  const scheduler: Scheduler = {
    instanceId,
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    recurring(job) {
      recurringJobs.push(job);
    },
    runDue: () => {
      // One tick at a time per instance; a call during a tick waits for it and runs again.
      const next = (running ?? Promise.resolve()).then(runDue, runDue);
      running = next.catch(() => {});
      return next;
    },
    start(intervalMs) {
      stopped = false;
      const tick = () => {
        scheduler
          .runDue()
          .catch((err) => ctx.log.error({ err }, '调度任务出错'))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };

  return scheduler;
}

/** The scheduler's own upkeep: finished rows older than a month are deleted every night. */
export function registerHousekeeping(scheduler: Scheduler): void {
  scheduler.register('scheduler.cleanup', async (_job, { db, clock }) => {
    await db
      .delete(jobs)
      .where(
        and(eq(jobs.status, 'done'), lt(jobs.finishedAt, new Date(clock.now().getTime() - KEEP_FINISHED_MS))),
      );
  });
  scheduler.recurring({ kind: 'scheduler.cleanup', schedule: { dailyAt: '03:30' } });
}

function periodMs(s: Schedule): number {
  if ('every' in s) return s.every;
  if ('dailyAt' in s) return DAY_MS;
  return 365 * DAY_MS;
}
