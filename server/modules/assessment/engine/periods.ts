import type { PeriodKind } from './rules.ts';

/** An inclusive range of Beijing calendar days, YYYY-MM-DD. */
export type DayRange = { from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The calendar periods of a kind that lie wholly inside the range, in order. */
export function bucketsWithin(kind: PeriodKind, range: DayRange): DayRange[] {
  const step = MONTHS[kind];
  const out: DayRange[] = [];
  let y = Number(range.from.slice(0, 4));
  let m = Math.floor((Number(range.from.slice(5, 7)) - 1) / step) * step + 1;
  for (;;) {
    const endMonth = m + step - 1;
    const bucket = { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}` };
    if (bucket.from > range.to) break;
    if (bucket.from >= range.from && bucket.to <= range.to) out.push(bucket);
    m += step;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** 2026年3月 / 2026年第一季度 / 2026年上半年 / 2026年. */
export function bucketLabel(kind: PeriodKind, bucket: DayRange): string {
  const y = bucket.from.slice(0, 4);
  const m = Number(bucket.from.slice(5, 7));
  if (kind === 'month') return `${y}年${m}月`;
  if (kind === 'quarter') return `${y}年第${'一二三四'[(m - 1) / 3]}季度`;
  if (kind === 'half') return `${y}年${m === 1 ? '上' : '下'}半年`;
  return `${y}年`;
}

export const inRange = (day: string, range: DayRange) => day >= range.from && day <= range.to;
