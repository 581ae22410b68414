import { Tag } from 'antd';
import type { InstructionLevel, PeriodKind, RuleSetStatus, Tier } from '../api.ts';

/** The Chinese names of the rule-set vocabulary (server/modules/assessment/engine/rules.ts). */
export const TIER_OPTIONS: { value: Tier; label: string }[] = [
  { value: 'own', label: '本级' },
  { value: 'city', label: '市级' },
  { value: 'province', label: '省级' },
  { value: 'national', label: '国家级' },
  { value: 'other', label: '其他' },
];

export const OUTLET_OPTIONS = [
  { value: 'publication', label: '刊物' },
  { value: 'website', label: '门户网站' },
];

export const ROUTE_OPTIONS = [
  { value: 'forwarded', label: '经本办转报' },
  { value: 'direct', label: '直接报送' },
];

export const ADOPTION_KIND_OPTIONS = ['全文采用', '摘要采用', '综合采用', '约稿采用'].map((k) => ({
  value: k,
  label: k,
}));

export const PERIOD_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季' },
  { value: 'half', label: '半年' },
  { value: 'year', label: '年' },
];

export const COUNT_OPTIONS = [
  { value: 'submitted', label: '报送' },
  { value: 'adopted', label: '采用' },
];

export const INSTRUCTION_LEVELS: { value: InstructionLevel; label: string }[] = [
  { value: 'state_council', label: '国务院' },
  { value: 'province', label: '省级' },
  { value: 'city', label: '市级' },
  { value: 'county', label: '县级' },
  { value: 'township', label: '乡镇' },
];

export const INSTRUCTION_MODE_OPTIONS = [
  { value: 'sum', label: '累加' },
  { value: 'once_per_level', label: '同级不累加' },
  { value: 'highest', label: '只计最高' },
];

export const COMBINE_OPTIONS = [
  { value: 'sum', label: '累加' },
  { value: 'max', label: '取最高' },
];

export const JOINT_OPTIONS = [
  { value: 'even', label: '平均分配' },
  { value: 'share', label: '按比例分配' },
];

export const ZERO_OUT_OPTIONS = [
  { value: 'commissions_missed', label: '约稿未报送' },
  { value: 'instructions_overdue', label: '批示逾期未反馈' },
];

const STATUS: Record<RuleSetStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'gold' },
  active: { label: '已启用', color: 'green' },
  superseded: { label: '已停用', color: 'default' },
};

export const STATUS_LABELS: Record<RuleSetStatus, string> = {
  draft: STATUS.draft.label,
  active: STATUS.active.label,
  superseded: STATUS.superseded.label,
};

export function RuleSetStatusTag({ status }: { status: RuleSetStatus }) {
  return (
    <Tag color={STATUS[status].color} style={{ marginInlineEnd: 0 }}>
      {STATUS[status].label}
    </Tag>
  );
}

/** 2026-01-01 至 2026-12-31. */
export const periodText = (r: { periodStart: string; periodEnd: string }) =>
  `${r.periodStart} 至 ${r.periodEnd}`;
