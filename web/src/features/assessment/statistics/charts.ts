import type { ChartOption } from '../../../components/EChart.tsx';
import type { Statistics } from '../api.ts';

/** 3月, or 2025年12月 when the range spans years. */
export function monthLabel(month: string, spansYears: boolean): string {
  const m = `${Number(month.slice(5, 7))}月`;
  return spansYears ? `${month.slice(0, 4)}年${m}` : m;
}

const spans = (months: { month: string }[]) =>
  months.length > 0 && months[0]?.month.slice(0, 4) !== months[months.length - 1]?.month.slice(0, 4);

/** The chart described in our own words for screen readers (ECharts' aria otherwise reads indices). */
const said = (description: string) => ({ enabled: true, label: { description } });

const grid = { left: 8, right: 8, top: 40, bottom: 4, containLabel: true };
const legend = { top: 0 };

type MonthRow = { month: string; submitted: number; points: string };

/** One bar series of a month chart: its legend name, an optional stack and its value per month. */
type MonthBar<M> = { name: string; stack?: string; value: (m: M) => number };

/**
 * Months as bars (the series given) with 得分 as a line on its own axis, described for screen
 * readers as `${caption}：3月报送…条、采用…条、得分…分；…`.
 */
function monthBarsOption<M extends MonthRow>(
  months: M[],
  caption: string,
  adopted: (m: M) => number,
  bars: MonthBar<M>[],
): ChartOption {
  const s = spans(months);
  return {
    aria: said(
      `${caption}：${months.map((m) => `${monthLabel(m.month, s)}报送${m.submitted}条、采用${adopted(m)}条、得分${m.points}分`).join('；')}`,
    ),
    tooltip: { trigger: 'axis' },
    legend,
    grid,
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month, s)) },
    yAxis: [
      { type: 'value', name: '条', minInterval: 1 },
      { type: 'value', name: '分', splitLine: { show: false } },
    ],
    series: [
      ...bars.map(({ name, stack, value }) => ({
        name,
        type: 'bar' as const,
        ...(stack ? { stack } : {}),
        data: months.map(value),
      })),
      { name: '得分', type: 'line', yAxisIndex: 1, smooth: true, data: months.map((m) => Number(m.points)) },
    ],
  };
}

/** 报送 and 采用 (本级 / 上级, stacked) per month as bars, 得分 as a line on its own axis. */
export function monthOption(months: Statistics['months']): ChartOption {
  return monthBarsOption(months, '按月报送与采用', (m) => m.adoptedOwn + m.adoptedUpper, [
    { name: '报送', value: (m) => m.submitted },
    { name: '本级采用', stack: 'adopted', value: (m) => m.adoptedOwn },
    { name: '上级采用', stack: 'adopted', value: (m) => m.adoptedUpper },
  ]);
}

export type UnitMetric = 'points' | 'submitted' | 'adopted';
export const UNIT_METRICS: { value: UnitMetric; label: string }[] = [
  { value: 'points', label: '得分' },
  { value: 'submitted', label: '报送' },
  { value: 'adopted', label: '采用' },
];

export const metricValue = (u: Statistics['units'][number], metric: UnitMetric) =>
  metric === 'points'
    ? Number(u.points)
    : metric === 'submitted'
      ? u.submitted
      : u.adoptedOwn + u.adoptedUpper;

/** One horizontal bar per unit, largest on top. */
export function unitsOption(units: Statistics['units'], metric: UnitMetric): ChartOption {
  const value = (u: Statistics['units'][number]) => metricValue(u, metric);
  const sorted = [...units].sort((a, b) => value(a) - value(b));
  const label = UNIT_METRICS.find((m) => m.value === metric)?.label ?? '';
  return {
    aria: said(
      `各单位${label}：${[...sorted]
        .reverse()
        .map((u) => `${u.unitName}${value(u)}`)
        .join('，')}`,
    ),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: sorted.map((u) => u.unitName),
      axisLabel: { width: 140, overflow: 'truncate', interval: 0 },
    },
    series: [{ name: label, type: 'bar', data: sorted.map(value), label: { show: true, position: 'right' } }],
  };
}

/** 采用率 (adopted items ÷ submissions) per group, with how many of its units reported. */
export function groupRateOption(groups: Statistics['groups']): ChartOption {
  return {
    aria: said(
      `分组采用率：${groups.map((g) => `${g.name}${g.adoptionRate ?? 0}%（报送单位${g.reported}/${g.members}个）`).join('；')}`,
    ),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const i = (p as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const g = groups[i];
        if (!g) return '';
        return `${g.name}<br/>采用率 ${g.adoptionRate ?? 0}%（被采用${g.adoptedItems}条 / 报送${g.submitted}条）<br/>报送单位 ${g.reported} / ${g.members} 个`;
      },
    },
    grid,
    xAxis: { type: 'category', data: groups.map((g) => g.name) },
    yAxis: {
      type: 'value',
      name: '%',
      max: 100,
    },
    series: [
      {
        name: '采用率',
        type: 'bar',
        barMaxWidth: 48,
        data: groups.map((g) => g.adoptionRate ?? 0),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
}

/** 报送覆盖: units that reported at least once against those that never did. */
export function coverageOption(totals: Statistics['totals']): ChartOption {
  return {
    aria: said(`报送覆盖：已报送${totals.reported}个单位，未报送${totals.members - totals.reported}个单位`),
    tooltip: { trigger: 'item', formatter: '{b}：{c}个（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '报送覆盖',
        type: 'pie',
        radius: ['45%', '70%'],
        label: { formatter: '{b}\n{c}个' },
        data: [
          { name: '已报送', value: totals.reported, itemStyle: { color: '#059669' } },
          { name: '未报送', value: totals.members - totals.reported, itemStyle: { color: '#b91c1c' } },
        ],
      },
    ],
  };
}

/** Adoptions per publication (and the website), with their points in the tooltip. */
export function outletOption(outlets: { name: string; adoptions: number; points: string }[]): ChartOption {
  return {
    aria: said(`各刊物采用：${outlets.map((o) => `${o.name}${o.adoptions}条、${o.points}分`).join('；')}`),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const o = outlets[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        return o ? `${o.name}<br/>采用 ${o.adoptions} 条，${o.points} 分` : '';
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: outlets.map((o) => o.name),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        name: '采用',
        type: 'bar',
        barMaxWidth: 28,
        data: outlets.map((o) => o.adoptions),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

type UnitMonths = NonNullable<Statistics['unit']>['months'];

/** A unit's own months: 报送 and 采用 as bars, 得分 as a line. */
export function unitTrendOption(months: UnitMonths): ChartOption {
  return monthBarsOption(months, '本单位按月', (m) => m.adopted, [
    { name: '报送', value: (m) => m.submitted },
    { name: '采用', value: (m) => m.adopted },
  ]);
}

/** A unit's rank in its group month by month: first place on top. */
export function rankOption(months: UnitMonths, peers: number): ChartOption {
  const s = spans(months);
  return {
    aria: said(
      `组内名次（共${peers}个单位）：${months.map((m) => `${monthLabel(m.month, s)}${m.rank ? `第${m.rank}名` : '—'}`).join('，')}`,
    ),
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `第${v}名` },
    grid,
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month, s)) },
    yAxis: {
      type: 'value',
      inverse: true,
      min: 1,
      max: Math.max(1, peers),
      minInterval: 1,
      name: '名次',
      nameLocation: 'start',
    },
    series: [
      {
        name: '组内名次',
        type: 'line',
        data: months.map((m) => m.rank),
        label: { show: true, formatter: '{c}' },
        symbolSize: 8,
      },
    ],
  };
}
