import { endOfChinaDate } from '../../lib/clock.ts';

/** A deadline is a date: feedback is in time until that day ends in Beijing. */
export const isOverdue = (deadline: string, status: string, now: Date) =>
  status !== 'completed' && status !== 'feedback_submitted' && now >= endOfChinaDate(deadline);

/** The first feedback came after the deadline's day ended. */
export const isLate = (deadline: string, firstFeedbackAt: Date | null, now: Date) =>
  firstFeedbackAt ? firstFeedbackAt >= endOfChinaDate(deadline) : now >= endOfChinaDate(deadline);
