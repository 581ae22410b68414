import { Alert, Card, Divider, Flex, Skeleton, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ItemListFilters, ForwardedSummary as Summary } from '../types.ts';
import { useForwardedSummary } from './api.ts';

/**
 * 转报 N 条, 上级采用 M 条 and the adoptions per upper publication, over every forwarded item
 * matching the page's filters (not just the page on screen), as the server counts them. What they
 * score is the 考核办法's to say: the card links to the 考评排名 of the office that ranks this one.
 */
export function ForwardedSummary({ filters }: { filters: ItemListFilters }) {
  const summary = useForwardedSummary(filters);
  const data = summary.data;
  const loading = summary.isPending;

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      {summary.isError && (
        <Alert
          type="error"
          showIcon
          title={`统计加载失败：${summary.error.message}`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Flex gap={16} wrap align="stretch">
        <Block title="转报" note="本办转报上级的信息">
          <Statistic value={data?.forwarded ?? '—'} suffix="条" loading={loading} />
        </Block>
        <Divider orientation="vertical" style={{ height: 'auto' }} />
        <Block
          title="上级采用"
          note={
            data?.forwarded
              ? `涉及 ${data.adopted} 条信息，采用率 ${((data.adopted / data.forwarded) * 100).toFixed(1)}%`
              : '—'
          }
        >
          <Statistic
            value={data?.adoptions ?? '—'}
            suffix="条"
            loading={loading}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Block>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          {data ? (
            <Flex gap={8} wrap style={{ height: '100%' }}>
              {data.byPublication.map((p) => (
                <PublicationBox key={p.publicationId} tally={p} />
              ))}
            </Flex>
          ) : (
            loading && <Skeleton active paragraph={{ rows: 2 }} title={false} />
          )}
        </div>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        得分按考核办法计算，见{' '}
        <Link to={data?.rankingOfficeId ? `/assessment?officeId=${data.rankingOfficeId}` : '/assessment'}>
          考评排名
        </Link>
      </Typography.Text>
    </Card>
  );
}

function Block({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 120 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      {children}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {note}
      </Typography.Text>
    </div>
  );
}

/** One publication: its adoptions. */
function PublicationBox({ tally }: { tally: Summary['byPublication'][number] }) {
  return (
    <div
      title={tally.officeName}
      style={{
        flex: '1 1 140px',
        padding: '8px 12px',
        background: tally.count ? '#f6ffed' : '#fafafa',
        border: `1px solid ${tally.count ? '#d9f7be' : '#f0f0f0'}`,
        borderRadius: 4,
      }}
    >
      <Typography.Text ellipsis style={{ display: 'block', fontSize: 13 }}>
        《{tally.publicationName}》
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <Typography.Text strong style={{ fontSize: 18 }}>
          {tally.count}
        </Typography.Text>
        <Typography.Text type="secondary"> 条</Typography.Text>
      </div>
    </div>
  );
}
