import type { AppContext } from '../../context.ts';
import { deliveryJob } from './deliver-job.ts';
import { DELIVER_JOB } from './notify.ts';

/** The notification module's jobs on the scheduler. */
export function registerNotificationJobs(ctx: AppContext) {
  ctx.scheduler.register(DELIVER_JOB, deliveryJob(ctx.config.publicUrl));
}
