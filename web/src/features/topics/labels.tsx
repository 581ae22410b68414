import { Flex, Tag } from 'antd';
import { formatDate } from '../../format.ts';
import type { TopicPeriodFilter, TopicRow, TopicStatus } from './api.ts';

export const STATUS_LABELS: Record<TopicStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

export const PERIOD_LABELS: Record<TopicPeriodFilter, string> = {
  current: '进行中',
  upcoming: '未开始',
  ended: '已结束',
};

const STATUS_COLORS: Record<TopicStatus, string> = {
  draft: 'default',
  published: 'blue',
  withdrawn: 'red',
};

type Placed = Pick<TopicRow, 'current' | 'ended'>;

/** Where the period stands today: 进行中, 未开始 or 已结束. */
export const periodOf = (t: Placed): TopicPeriodFilter =>
  t.current ? 'current' : t.ended ? 'ended' : 'upcoming';

/** 进行中 (green), 未开始 (cyan) or 已结束 (grey). */
export function PeriodTag({ topic }: { topic: Placed }) {
  const p = periodOf(topic);
  return (
    <Tag
      color={p === 'current' ? 'green' : p === 'upcoming' ? 'cyan' : 'default'}
      style={{ marginInlineEnd: 0 }}
    >
      {PERIOD_LABELS[p]}
    </Tag>
  );
}

/**
 * The office's view of a topic's state: its status, and for a published one where its period
 * stands (a draft or withdrawn topic is not in force, whatever its dates).
 */
export function TopicStatusTags({ topic }: { topic: Placed & Pick<TopicRow, 'status' | 'statusLabel'> }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={STATUS_COLORS[topic.status]} style={{ marginInlineEnd: 0 }}>
        {topic.statusLabel || STATUS_LABELS[topic.status]}
      </Tag>
      {topic.status === 'published' && <PeriodTag topic={topic} />}
    </Flex>
  );
}

/** 2026-04-01 至 2026-06-30. */
export const periodDates = (t: Pick<TopicRow, 'periodStart' | 'periodEnd'>) =>
  t.periodStart === t.periodEnd
    ? formatDate(t.periodStart)
    : `${formatDate(t.periodStart)} 至 ${formatDate(t.periodEnd)}`;
