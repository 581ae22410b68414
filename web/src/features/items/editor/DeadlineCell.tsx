import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Countdown } from '../Countdown.tsx';
import type { ItemStatus } from '../types.ts';
import { runsAgainstClock } from './deadline.ts';

/** The current time, refreshed every `everyMs`: enough to move row highlights as deadlines pass. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** 时限 column: a live countdown while the office has yet to decide, a dash afterwards. */
export function DeadlineCell({ item }: { item: { status: ItemStatus; deadlineAt: string | null } }) {
  if (!runsAgainstClock(item)) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Countdown deadlineAt={item.deadlineAt} />;
}
