import { Card, Flex, Grid, Skeleton, Statistic, Typography } from 'antd';
import { QueryError } from '../../components/QueryError.tsx';
import { type TopicStats, useTopicStats } from './api.ts';

/** The five figures of a topic or of a set of topics, in the office's words. */
export const STAT_FIELDS: { key: keyof TopicStats; label: string; suffix: string }[] = [
  { key: 'submitted', label: '报送', suffix: '条' },
  { key: 'accepted', label: '采用', suffix: '条' },
  { key: 'published', label: '刊发', suffix: '条' },
  { key: 'upperAdoptions', label: '上级采用', suffix: '次' },
  { key: 'units', label: '报送单位', suffix: '个' },
];

/**
 * The figures as a row of statistics; the columns narrow so that all five stay on one line on a
 * phone.
 */
export function StatFigures({ stats }: { stats: TopicStats }) {
  const narrow = Grid.useBreakpoint().sm === false;
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: narrow ? 'repeat(5, minmax(0, 1fr))' : 'repeat(5, max-content)',
        columnGap: narrow ? 8 : 32,
        rowGap: 8,
      }}
    >
      {STAT_FIELDS.map((f) => (
        <Statistic
          key={f.key}
          title={<span style={{ whiteSpace: 'nowrap' }}>{f.label}</span>}
          value={stats[f.key]}
          suffix={f.suffix}
          styles={{ content: { fontSize: 20, whiteSpace: 'nowrap' }, suffix: { fontSize: 13 } }}
        />
      ))}
    </div>
  );
}

/**
 * 本年度报送要点统计: the office's published topics whose period falls in the year (withdrawn ones
 * too, their items stay counted), and what the units sent on them.
 */
export function TopicStatsStrip({ year }: { year: number }) {
  const query = useTopicStats(`${year}-01-01`, `${year}-12-31`);
  const data = query.data;
  return (
    <Card size="small" data-testid="topic-stats" style={{ marginBottom: 16 }}>
      {query.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : data ? (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">
            {year}年度 · 已发布的要点 {data.topics.length} 个（含已撤回）
          </Typography.Text>
          <StatFigures stats={data.total} />
        </Flex>
      ) : null}
    </Card>
  );
}
