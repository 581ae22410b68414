import dayjs from 'dayjs';

/** How the ranking page names its range in the URL: ?period=month&at=2026-11 etc. */
export type PeriodChoice = 'month' | 'quarter' | 'year' | 'custom';

export type PeriodState = { period: PeriodChoice; at: string; from?: string; to?: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The days of a period choice: 2026-11 → 2026-11-01…2026-11-30; 2026-Q4; 2026. */
export function rangeOf(s: PeriodState): { from: string; to: string } | null {
  if (s.period === 'custom') return s.from && s.to && s.from <= s.to ? { from: s.from, to: s.to } : null;
  const y = Number(s.at.slice(0, 4));
  if (!y) return null;
  if (s.period === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (s.period === 'quarter') {
    const q = Number(s.at.slice(6)) || 1;
    const m = (q - 1) * 3 + 1;
    return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m + 2)}-${pad(lastDay(y, m + 2))}` };
  }
  const m = Number(s.at.slice(5, 7)) || 1;
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
}

/** 2026年11月 / 2026年第四季度 / 2026年度 / 2026年3月5日至4月10日. */
export function periodTitle(s: PeriodState): string {
  const y = s.at.slice(0, 4);
  if (s.period === 'year') return `${y}年度`;
  if (s.period === 'quarter') return `${y}年第${'一二三四'[(Number(s.at.slice(6)) || 1) - 1]}季度`;
  if (s.period === 'month') return `${y}年${Number(s.at.slice(5, 7))}月`;
  const r = rangeOf(s);
  if (!r) return '自定义期间';
  const f = dayjs(r.from);
  const t = dayjs(r.to);
  return `${f.format('YYYY年M月D日')}至${t.format(f.year() === t.year() ? 'M月D日' : 'YYYY年M月D日')}`;
}

export function parsePeriod(params: URLSearchParams, today: dayjs.Dayjs): PeriodState {
  const period = params.get('period') as PeriodChoice | null;
  const at = params.get('at');
  if (period === 'custom')
    return { period, at: '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  if (period === 'year' && at && /^\d{4}$/.test(at)) return { period, at };
  if (period === 'quarter' && at && /^\d{4}-Q[1-4]$/.test(at)) return { period, at };
  if ((period === 'month' || !period) && at && /^\d{4}-\d{2}$/.test(at)) return { period: 'month', at };
  return { period: 'month', at: today.format('YYYY-MM') };
}

export function defaultAt(period: PeriodChoice, today: dayjs.Dayjs): string {
  if (period === 'year') return today.format('YYYY');
  if (period === 'quarter') return `${today.format('YYYY')}-Q${Math.floor(today.month() / 3) + 1}`;
  return today.format('YYYY-MM');
}
