import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../format.ts';

/** "2天3小时" / "5小时12分" / "12分30秒": the two largest units of a span of milliseconds. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}天${h}小时`;
  if (h > 0) return `${h}小时${m}分`;
  return `${m}分${s % 60}秒`;
}

/** The current time, refreshed every second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Time left until the item's deadline, turning red once it has passed. */
export function Countdown({ deadlineAt }: { deadlineAt: string }) {
  const now = useNow();
  const deadline = new Date(deadlineAt).getTime();
  const left = deadline - now;
  const overdue = left < 0;
  const soon = !overdue && left < 3600_000;
  return (
    <Tag
      icon={<ClockCircleOutlined />}
      color={overdue ? 'red' : soon ? 'orange' : 'blue'}
      title={`时限：${formatDateTime(deadlineAt)}`}
      style={{ marginInlineEnd: 0 }}
    >
      {overdue ? `已超时 ${formatSpan(-left)}` : `剩余 ${formatSpan(left)}`}
    </Tag>
  );
}
