import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import type { LiveHub } from './lib/live.ts';
import type { Scheduler } from './lib/scheduler/scheduler.ts';

/** What every module needs from the running application. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  log: FastifyBaseLogger;
  /** The time deadlines and reminders are computed on (a manual clock in tests). */
  clock: Clock;
  scheduler: Scheduler;
  /** Server-sent events to open pages (server/lib/live.ts). */
  live: LiveHub;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The application context, for the CLI and tests that call commands and jobs directly. */
    xinbao: AppContext;
  }
}
