import type { TopicStatus } from '../../db/schema/index.ts';

export const TOPIC_STATUS_LABELS: Record<TopicStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

const parts = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
/** The last day of a month (1–12). */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A period as the office names it (docs/domain.md §7, dates without zero padding): a whole month
 * 2026年12月, a whole quarter 2027年第一季度, a half year 2026年上半年, a whole year 2026年,
 * whole months 2026年1—5月; otherwise the two dates, 2026年3月5日至4月10日.
 */
export function periodLabel(start: string, end: string): string {
  const a = parts(start);
  const b = parts(end);
  const wholeMonths = a.d === 1 && b.d === lastDay(b.y, b.m);
  if (wholeMonths && a.y === b.y) {
    if (a.m === b.m) return `${a.y}年${a.m}月`;
    if (a.m === 1 && b.m === 12) return `${a.y}年`;
    if (a.m === 1 && b.m === 6) return `${a.y}年上半年`;
    if (a.m === 7 && b.m === 12) return `${a.y}年下半年`;
    if (b.m - a.m === 2 && (a.m - 1) % 3 === 0) return `${a.y}年${QUARTERS[(a.m - 1) / 3]}`;
    return `${a.y}年${a.m}—${b.m}月`;
  }
  if (wholeMonths) return `${a.y}年${a.m}月至${b.y}年${b.m}月`;
  const from = `${a.y}年${a.m}月${a.d}日`;
  if (start === end) return from;
  if (a.y !== b.y) return `${from}至${b.y}年${b.m}月${b.d}日`;
  if (a.m !== b.m) return `${from}至${b.m}月${b.d}日`;
  return `${from}至${b.d}日`;
}

/** Where a period stands on a day (yyyy-mm-dd in China). */
export const periodCovers = (p: { periodStart: string; periodEnd: string }, today: string) =>
  p.periodStart <= today && today <= p.periodEnd;
export const periodEnded = (p: { periodEnd: string }, today: string) => p.periodEnd < today;
