import {
  Alert,
  Button,
  Card,
  Collapse,
  Empty,
  Flex,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { QueryError } from '../../components/QueryError.tsx';
import { type UnitStats, useMeetingStats } from './api.ts';

/**
 * 年度统计: how many meetings and training courses of each level and kind the office held in the
 * year and how many 人次 came, and each invited unit's attendance over the meetings begun so far.
 */
export function StatsCard({ year, onUnit }: { year: number; onUnit: (unitId: string) => void }) {
  const query = useMeetingStats(year, true);
  const stats = query.data;

  const columns: ColumnsType<UnitStats> = [
    {
      title: '单位',
      key: 'unit',
      width: 180,
      fixed: 'left',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => onUnit(r.unit.id)}
        >
          {r.unit.name}
        </Button>
      ),
    },
    { title: '应到', dataIndex: 'invited', width: 64, align: 'right' },
    { title: '出席', dataIndex: 'present', width: 64, align: 'right' },
    {
      title: '缺席',
      dataIndex: 'absent',
      width: 64,
      align: 'right',
      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: '请假', dataIndex: 'excused', width: 64, align: 'right' },
    {
      title: '未登记',
      dataIndex: 'unrecorded',
      width: 72,
      align: 'right',
      render: (n: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : n),
    },
    { title: '人次', dataIndex: 'personTimes', width: 64, align: 'right' },
    {
      title: '出席率',
      dataIndex: 'rateLabel',
      width: 80,
      align: 'right',
      sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
    },
  ];

  return (
    <Card size="small" title={`${year}年度统计`} data-testid="meeting-stats">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : stats && stats.totals.meetings === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${year}年度还没有登记会议和培训`} />
      ) : stats ? (
        <Flex vertical gap={12}>
          <Flex gap={32} wrap align="flex-start">
            <Statistic title="会议培训" value={stats.totals.meetings} suffix="次" />
            <Statistic title="参会参训" value={stats.totals.personTimes} suffix="人次" />
            <div style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
                按级别和类别
              </Typography.Text>
              <Flex gap={6} wrap>
                {stats.byLevelKind.map((r) => (
                  <Tag key={`${r.level}:${r.kind}`} style={{ marginInlineEnd: 0 }}>
                    {r.label}
                  </Tag>
                ))}
              </Flex>
            </div>
          </Flex>
          <Collapse
            size="small"
            items={[
              {
                key: 'units',
                label: `各单位出席情况（${stats.units.length} 个单位，按已开始的会议统计）`,
                children:
                  stats.units.length === 0 ? (
                    <Alert type="info" showIcon title="今年已开始的会议还没有邀请参会单位" />
                  ) : (
                    <Table<UnitStats>
                      rowKey={(r) => r.unit.id}
                      size="small"
                      dataSource={stats.units}
                      columns={columns}
                      scroll={{ x: 660 }}
                      pagination={{
                        pageSize: 10,
                        hideOnSinglePage: true,
                        showSizeChanger: false,
                        size: 'small',
                        showTotal: (t) => `共 ${t} 个单位`,
                      }}
                    />
                  ),
              },
            ]}
          />
        </Flex>
      ) : null}
    </Card>
  );
}
