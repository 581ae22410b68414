import { Alert, Card, DatePicker, Empty, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAssessmentOffices } from './api.ts';
import { defaultAt, type PeriodChoice, type PeriodState, parsePeriod, rangeOf } from './periods.ts';

const PERIODS: { value: PeriodChoice; label: string }[] = [
  { value: 'month', label: '月度' },
  { value: 'quarter', label: '季度' },
  { value: 'year', label: '年度' },
  { value: 'custom', label: '自定义' },
];

/**
 * The office and period a 考评 screen shows, kept in the URL (?officeId=…&period=month&at=2026-11),
 * so a ranking or a dashboard can be bookmarked and sent to a colleague.
 */
export function useAssessmentScope(defaultPeriod: PeriodChoice = 'month') {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    if (!params.get('period') && defaultPeriod !== 'month')
      return { period: defaultPeriod, at: defaultAt(defaultPeriod, dayjs()) } as PeriodState;
    return parsePeriod(params, dayjs());
  }, [params, defaultPeriod]);
  const offices = useAssessmentOffices();
  const officeId = params.get('officeId') ?? offices.data?.[0]?.id;
  const office = offices.data?.find((o) => o.id === officeId);

  const setParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  const setPeriod = (next: Partial<PeriodState>) => {
    const merged = { ...state, ...next };
    const p = new URLSearchParams(params);
    p.set('period', merged.period);
    p.delete('at');
    p.delete('from');
    p.delete('to');
    if (merged.period === 'custom') {
      if (merged.from) p.set('from', merged.from);
      if (merged.to) p.set('to', merged.to);
    } else p.set('at', merged.at);
    setParams(p, { replace: true });
  };
  return { params, setParams, state, range: rangeOf(state), offices, officeId, office, setPeriod, setParam };
}

export type AssessmentScope = ReturnType<typeof useAssessmentScope>;

/** The office selector (when the caller sees more than one) and the period picker. */
export function PeriodBar({ scope, children }: { scope: AssessmentScope; children?: ReactNode }) {
  const { state, offices, officeId, setPeriod, setParam } = scope;
  const today = dayjs();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex gap={12} wrap align="center">
        {offices.data && offices.data.length > 1 && (
          <Select
            aria-label="办公室"
            style={{ minWidth: 220 }}
            value={officeId}
            options={offices.data.map((o) => ({
              value: o.id,
              label: `${o.name}${o.relation === 'member' ? '（上级）' : ''}`,
            }))}
            onChange={(v) => setParam('officeId', v)}
          />
        )}
        <Segmented
          options={PERIODS}
          value={state.period}
          onChange={(v) => setPeriod({ period: v as PeriodChoice, at: defaultAt(v as PeriodChoice, today) })}
        />
        {state.period === 'month' && (
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${state.at}-01`)}
            onChange={(d) => d && setPeriod({ at: d.format('YYYY-MM') })}
            aria-label="月份"
          />
        )}
        {state.period === 'quarter' && (
          <DatePicker
            picker="quarter"
            allowClear={false}
            value={dayjs(
              `${state.at.slice(0, 4)}-${String((Number(state.at.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`,
            )}
            onChange={(d) => d && setPeriod({ at: `${d.format('YYYY')}-Q${Math.floor(d.month() / 3) + 1}` })}
            aria-label="季度"
          />
        )}
        {state.period === 'year' && (
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${state.at}-01-01`)}
            onChange={(d) => d && setPeriod({ at: d.format('YYYY') })}
            aria-label="年度"
          />
        )}
        {state.period === 'custom' && (
          <DatePicker.RangePicker
            value={state.from && state.to ? [dayjs(state.from), dayjs(state.to)] : null}
            onChange={(v) =>
              setPeriod({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
            }
            aria-label="期间"
          />
        )}
        {children}
      </Flex>
    </Card>
  );
}

/**
 * What shows under the period bar instead of figures: that the caller belongs to no office, or
 * why the figures could not be read (with, for the office's staff, where to set up a 考核办法).
 */
export function ScopeNotice({
  scope,
  error,
  what,
  lead,
}: {
  scope: AssessmentScope;
  error: Error | null;
  /** 考评 or 统计: what there is nothing of. */
  what: string;
  /** Said to the staff before where to set up the rules. */
  lead?: string;
}) {
  const { offices, office } = scope;
  return (
    <>
      {offices.data && offices.data.length === 0 && (
        <Empty description={`您不属于任何办公室或报送单位，没有可查看的${what}`} />
      )}
      {error && (
        <Alert
          type="warning"
          showIcon
          title={error.message}
          description={
            office?.relation === 'staff' ? (
              <>
                {lead}可在 <Link to="/assessment/rules">考核办法</Link> 中制定并启用本期间的考核办法。
              </>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
    </>
  );
}
