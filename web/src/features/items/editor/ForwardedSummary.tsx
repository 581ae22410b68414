import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { usePublications } from '../api.ts';
import type { ItemListFilters } from '../types.ts';
import { useAllItems, useItemDetails } from './api.ts';
import { type PublicationTally, tallyAdoptions } from './points.ts';

/**
 * 转报 N 条, 上级采用 M 条 and the points they earn per upper publication, over every forwarded
 * item matching the page's filters (not just the page on screen).
 */
export function ForwardedSummary({ filters }: { filters: ItemListFilters }) {
  const all = useAllItems('forwarded', filters);
  const publications = usePublications('upper');
  const adoptedIds = useMemo(
    () => (all.data ?? []).filter((i) => i.adoptionCount > 0).map((i) => i.id),
    [all.data],
  );
  const details = useItemDetails(adoptedIds, true);
  const loadingDetails = details.some((d) => d.isPending);
  const failed = all.error ?? publications.error ?? details.find((d) => d.isError)?.error;

  const tally = useMemo(() => {
    if (loadingDetails || !publications.data) return null;
    const adoptions = details.flatMap((d) => d.data?.adoptions ?? []);
    return tallyAdoptions(adoptions, publications.data);
  }, [details, loadingDetails, publications.data]);

  const forwarded = all.data?.length;
  const adoptedItems = adoptedIds.length;
  const adoptionTotal = (all.data ?? []).reduce((n, i) => n + i.adoptionCount, 0);

  return (
    <>
      {failed && (
        <Alert type="error" showIcon title={`统计加载失败：${failed.message}`} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={5}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title="转报" value={forwarded ?? '—'} suffix="条" loading={all.isPending} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              本办转报上级的信息
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={5}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title="上级采用"
              value={all.data ? adoptionTotal : '—'}
              suffix="条"
              loading={all.isPending}
              styles={{ content: { color: '#389e0d' } }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {all.data && forwarded
                ? `涉及 ${adoptedItems} 条信息，采用率 ${((adoptedItems / forwarded) * 100).toFixed(1)}%`
                : '—'}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title="按刊物计分"
            extra={tally && <Typography.Text strong>合计 {tally.points} 分</Typography.Text>}
            style={{ height: '100%' }}
            styles={{ body: { padding: tally ? 0 : 12 } }}
          >
            {tally ? (
              <Table<PublicationTally>
                size="small"
                rowKey="publicationName"
                pagination={false}
                dataSource={tally.rows}
                locale={{ emptyText: '上级办公室尚无刊物' }}
                columns={[
                  {
                    title: '刊物',
                    dataIndex: 'publicationName',
                    render: (name: string, r) => <span title={r.officeName ?? undefined}>《{name}》</span>,
                  },
                  {
                    title: '采用',
                    dataIndex: 'adoptions',
                    width: 70,
                    align: 'right',
                    render: (n: number) => `${n} 条`,
                  },
                  {
                    title: '每条',
                    dataIndex: 'pointsPerItem',
                    width: 70,
                    align: 'right',
                    render: (n: number | null) => (n === null ? '—' : `${n} 分`),
                  },
                  {
                    title: '得分',
                    dataIndex: 'points',
                    width: 70,
                    align: 'right',
                    render: (n: number | null) => (n === null ? '—' : <strong>{n}</strong>),
                  },
                ]}
              />
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} title={false} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
