import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, beijingIsoDay, DEFAULT_WORKFLOW_LIMITS, deadlineOf, isOverdue } from './deadline.ts';

const at = (beijing: string) => new Date(`${beijing}+08:00`);
const limits = DEFAULT_WORKFLOW_LIMITS;

/** The obvious definition: walk day by day, counting the days that land on Monday–Friday. */
function stepByStep(from: Date, days: number): Date {
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += 86_400_000;
    if (beijingIsoDay(new Date(t)) <= 5) left -= 1;
  }
  return new Date(t);
}

describe('working days in Beijing time', () => {
  it('knows the Beijing weekday even when UTC is still on the day before', () => {
    // 2025-03-03 is a Monday; 07:00 in Beijing is Sunday 23:00 UTC.
    expect(beijingIsoDay(at('2025-03-03T07:00:00'))).toBe(1);
    expect(beijingIsoDay(at('2025-03-02T23:59:00'))).toBe(7);
  });

  it('skips the weekend', () => {
    expect(addWorkingDays(at('2025-03-05T10:00:00'), 3)).toEqual(at('2025-03-10T10:00:00')); // Wed → Mon
    expect(addWorkingDays(at('2025-03-07T15:00:00'), 1)).toEqual(at('2025-03-10T15:00:00')); // Fri → Mon
    expect(addWorkingDays(at('2025-03-08T10:00:00'), 1)).toEqual(at('2025-03-10T10:00:00')); // Sat → Mon
    expect(addWorkingDays(at('2025-03-09T10:00:00'), 3)).toEqual(at('2025-03-12T10:00:00')); // Sun → Wed
    expect(addWorkingDays(at('2025-03-03T09:00:00'), 5)).toEqual(at('2025-03-10T09:00:00')); // Mon → next Mon
    expect(addWorkingDays(at('2025-03-03T09:00:00'), 0)).toEqual(at('2025-03-03T09:00:00'));
  });

  it('agrees with walking day by day for any instant and any number of days', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 60 }),
        (from, days) => addWorkingDays(from, days).getTime() === stepByStep(from, days).getTime(),
      ),
    );
  });
});

describe('deadlines per priority', () => {
  const submittedAt = at('2025-03-07T16:00:00'); // a Friday afternoon

  it('has none before the item is submitted', () => {
    expect(
      deadlineOf({ priority: 'urgent', status: 'draft', submittedAt: null, eventAt: null }, limits),
    ).toBeNull();
  });

  it('counts urgent items from the event, else from submission', () => {
    const eventAt = at('2025-03-07T09:30:00');
    expect(deadlineOf({ priority: 'urgent', status: 'submitted', submittedAt, eventAt }, limits)).toEqual(
      at('2025-03-07T15:30:00'),
    );
    expect(
      deadlineOf({ priority: 'urgent', status: 'submitted', submittedAt, eventAt: null }, limits),
    ).toEqual(at('2025-03-07T22:00:00'));
  });

  it('gives 送阅件 a day and ordinary items three working days', () => {
    expect(
      deadlineOf({ priority: 'for_reading', status: 'submitted', submittedAt, eventAt: null }, limits),
    ).toEqual(at('2025-03-08T16:00:00'));
    expect(
      deadlineOf({ priority: 'normal', status: 'submitted', submittedAt, eventAt: null }, limits),
    ).toEqual(at('2025-03-12T16:00:00'));
  });

  it('follows the configured limits', () => {
    const custom = { urgentHours: 2, forReadingHours: 48, routineWorkingDays: 1 };
    expect(
      deadlineOf({ priority: 'urgent', status: 'submitted', submittedAt, eventAt: null }, custom),
    ).toEqual(at('2025-03-07T18:00:00'));
    expect(
      deadlineOf({ priority: 'normal', status: 'submitted', submittedAt, eventAt: null }, custom),
    ).toEqual(at('2025-03-10T16:00:00'));
  });

  it('is overdue only while the office has not decided', () => {
    const item = { priority: 'urgent' as const, submittedAt, eventAt: null };
    const late = at('2025-03-07T22:00:01');
    expect(isOverdue({ ...item, status: 'submitted' }, limits, late)).toBe(true);
    expect(isOverdue({ ...item, status: 'submitted' }, limits, at('2025-03-07T22:00:00'))).toBe(false);
    expect(isOverdue({ ...item, status: 'accepted' }, limits, late)).toBe(false);
    expect(isOverdue({ ...item, status: 'returned' }, limits, late)).toBe(false);
  });
});
