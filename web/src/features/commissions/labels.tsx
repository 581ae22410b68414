import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { CommissionAnswer, CommissionStatus } from './api.ts';

export const STATUS_LABELS: Record<CommissionStatus, string> = {
  draft: '草稿',
  issued: '已下发',
  closed: '已结束',
  cancelled: '已撤销',
};
const STATUS_COLORS: Record<CommissionStatus, string> = {
  draft: 'default',
  issued: 'blue',
  closed: 'green',
  cancelled: 'default',
};
export const ANSWER_LABELS: Record<CommissionAnswer, string> = {
  open: '待报送',
  answered: '已报送',
  declined: '已婉拒',
};
const ANSWER_COLORS: Record<CommissionAnswer, string> = {
  open: 'gold',
  answered: 'green',
  declined: 'purple',
};

export function CommissionStatusTag({ status, label }: { status: CommissionStatus; label?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={status === 'cancelled' ? { color: '#8c8c8c' } : undefined}>
      {label ?? STATUS_LABELS[status]}
    </Tag>
  );
}

export function AnswerTag({ answer, label }: { answer: CommissionAnswer; label?: string }) {
  return <Tag color={ANSWER_COLORS[answer]}>{label ?? ANSWER_LABELS[answer]}</Tag>;
}

export function OverdueTag({ text = '逾期' }: { text?: string }) {
  return <Tag color="red">{text}</Tag>;
}

export function LateTag() {
  return <Tag color="orange">迟报</Tag>;
}

/**
 * Deadlines are Beijing wall-clock times whatever the browser's zone: the picker's 17:00 goes as
 * 17:00+08:00, and the server's label (2026-03-10 17:00, Beijing) comes back into the picker.
 */
export const deadlineToServer = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
export const deadlineFromLabel = (label: string) => dayjs(label.replace(' ', 'T'));
