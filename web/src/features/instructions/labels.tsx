import { Tag } from 'antd';
import type { AssignmentStatus, InstructionLevel, InstructionStatus } from './api.ts';

export const LEVEL_LABELS: Record<InstructionLevel, string> = {
  state_council: '国务院',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇',
};
export const LEVEL_COLORS: Record<InstructionLevel, string> = {
  state_council: 'red',
  province: 'volcano',
  city: 'magenta',
  county: 'purple',
  township: 'geekblue',
};
export const STATUS_LABELS: Record<InstructionStatus, string> = {
  recorded: '待交办',
  assigned: '办理中',
  closed: '已办结',
};
const STATUS_COLORS: Record<InstructionStatus, string> = {
  recorded: 'gold',
  assigned: 'blue',
  closed: 'green',
};
export const ASSIGNMENT_LABELS: Record<AssignmentStatus, string> = {
  awaiting_feedback: '待反馈',
  feedback_submitted: '已反馈待审核',
  more_requested: '需补充反馈',
  completed: '已办结',
};
const ASSIGNMENT_COLORS: Record<AssignmentStatus, string> = {
  awaiting_feedback: 'gold',
  feedback_submitted: 'blue',
  more_requested: 'orange',
  completed: 'green',
};

export function LevelTag({ level, label }: { level: InstructionLevel; label?: string }) {
  return <Tag color={LEVEL_COLORS[level]}>{label ?? LEVEL_LABELS[level]}</Tag>;
}

export function InstructionStatusTag({ status, label }: { status: InstructionStatus; label?: string }) {
  return <Tag color={STATUS_COLORS[status]}>{label ?? STATUS_LABELS[status]}</Tag>;
}

export function AssignmentStatusTag({ status, label }: { status: AssignmentStatus; label?: string }) {
  return <Tag color={ASSIGNMENT_COLORS[status]}>{label ?? ASSIGNMENT_LABELS[status]}</Tag>;
}

export function OverdueTag({ count }: { count?: number }) {
  return <Tag color="red">{count && count > 1 ? `逾期 ${count}` : '逾期'}</Tag>;
}

/** 张三（副市长）, or just the name. */
export const leaderLine = (name: string, title: string | null) => (title ? `${name}（${title}）` : name);
