import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../format.ts';
import type { ItemStatus } from '../types.ts';
import { deadlineState } from './deadline.ts';

/** The current time, refreshed every `everyMs`, so countdowns move while the page is open. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

type Props = { item: { status: ItemStatus; deadlineAt: string | null }; now: number };

/** 剩余 3小时12分, or in red 已超时 1小时5分; the deadline itself in the tooltip. */
export function DeadlineCountdown({ item, now }: Props) {
  const state = deadlineState(item, now);
  if (state.kind === 'none') return <Typography.Text type="secondary">—</Typography.Text>;
  const title = `时限：${formatDateTime(item.deadlineAt)}`;
  if (state.kind === 'overdue') {
    return (
      <Typography.Text type="danger" strong title={title} style={{ whiteSpace: 'nowrap' }}>
        <WarningOutlined /> {state.text}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={state.soon ? 'warning' : undefined} title={title} style={{ whiteSpace: 'nowrap' }}>
      <ClockCircleOutlined /> {state.text}
    </Typography.Text>
  );
}
