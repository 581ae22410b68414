import dayjs, { type Dayjs } from 'dayjs';

/** The range a 模拟测算 replays: a month or a quarter inside the period, or the period so far. */
export type RangeKind = 'month' | 'quarter' | 'period';
export type RangeChoice = { kind: RangeKind; at: string };
export type DayRange = { from: string; to: string };

const D = 'YYYY-MM-DD';
const quarterStart = (d: Dayjs) => d.startOf('month').month(Math.floor(d.month() / 3) * 3);
const quarterEnd = (d: Dayjs) => quarterStart(d).add(2, 'month').endOf('month');

/** The past part of the period: from its start to today (or its end, when over); null before it starts. */
export function pastOf(period: DayRange, today: Dayjs): DayRange | null {
  const t = today.format(D);
  if (period.from > t || period.from > period.to) return null;
  // The dates are ISO texts, so the earlier is the smaller text.
  if (period.to < t) return { ...period };
  return { from: period.from, to: t };
}

/** The days of a choice, clipped to the past part of the period (null when they do not meet). */
export function rangeOf(choice: RangeChoice, past: DayRange): DayRange | null {
  let from: string;
  let to: string;
  if (choice.kind === 'period') return past;
  const d = dayjs(choice.at);
  if (!d.isValid()) return null;
  if (choice.kind === 'month') {
    from = d.startOf('month').format(D);
    to = d.endOf('month').format(D);
  } else {
    from = quarterStart(d).format(D);
    to = quarterEnd(d).format(D);
  }
  if (from < past.from) from = past.from;
  if (to > past.to) to = past.to;
  return from <= to ? { from, to } : null;
}

/** The last quarter that has ended inside the period, else the whole period up to today. */
export function defaultChoice(past: DayRange, today: Dayjs): RangeChoice {
  const end = dayjs(past.to);
  // The quarter just before the one holding the day after the past part ends.
  const ref = end.add(1, 'day').isAfter(today, 'day') ? today : end.add(1, 'day');
  const last = quarterStart(ref).subtract(1, 'day');
  if (quarterStart(last).format(D) >= past.from && last.format(D) <= past.to) {
    return { kind: 'quarter', at: quarterStart(last).format(D) };
  }
  return { kind: 'period', at: past.from };
}

/** A picker cell outside the past part of the period. */
export function outside(kind: 'month' | 'quarter', past: DayRange) {
  return (d: Dayjs) => {
    const from = (kind === 'month' ? d.startOf('month') : quarterStart(d)).format(D);
    const to = (kind === 'month' ? d.endOf('month') : quarterEnd(d)).format(D);
    return to < past.from || from > past.to;
  };
}

/** 2026年3月 / 2026年第一季度 / 2026年1月1日至12月7日. */
export function rangeTitle(choice: RangeChoice, range: DayRange): string {
  const d = dayjs(choice.at);
  if (choice.kind === 'month') return `${d.year()}年${d.month() + 1}月`;
  if (choice.kind === 'quarter') return `${d.year()}年第${'一二三四'[Math.floor(d.month() / 3)]}季度`;
  const f = dayjs(range.from);
  const t = dayjs(range.to);
  return `${f.format('YYYY年M月D日')}至${t.format(f.year() === t.year() ? 'M月D日' : 'YYYY年M月D日')}`;
}
