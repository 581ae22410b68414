import { Alert, Card, Divider, Flex, Skeleton, Statistic, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { usePublications } from '../api.ts';
import type { ItemListFilters } from '../types.ts';
import { useAllItems, useItemDetails } from './api.ts';
import { type PublicationTally, tallyAdoptions } from './points.ts';

/**
 * 转报 N 条, 上级采用 M 条 and the points they earn per upper publication, over every forwarded
 * item matching the page's filters (not just the page on screen). The list rows carry only the
 * number of adoptions, so the adopted items' details are read for their publications; `enabled`
 * lets the page's own table load first.
 */
export function ForwardedSummary({ filters, enabled }: { filters: ItemListFilters; enabled: boolean }) {
  const all = useAllItems('forwarded', filters, enabled);
  const publications = usePublications('upper');
  const adoptedIds = useMemo(
    () => (all.data ?? []).filter((i) => i.adoptionCount > 0).map((i) => i.id),
    [all.data],
  );
  const details = useItemDetails(adoptedIds, true);
  const loadingDetails = details.some((d) => d.isPending);
  const failed = all.error ?? publications.error ?? details.find((d) => d.isError)?.error;

  const tally = useMemo(() => {
    if (!all.data || loadingDetails || !publications.data) return null;
    const adoptions = details.flatMap((d) => d.data?.adoptions ?? []);
    return tallyAdoptions(adoptions, publications.data);
  }, [all.data, details, loadingDetails, publications.data]);

  const forwarded = all.data?.length;
  const adoptedItems = adoptedIds.length;
  const adoptionTotal = (all.data ?? []).reduce((n, i) => n + i.adoptionCount, 0);

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      {failed && (
        <Alert type="error" showIcon title={`统计加载失败：${failed.message}`} style={{ marginBottom: 12 }} />
      )}
      <Flex gap={16} wrap align="stretch">
        <Block title="转报" note="本办转报上级的信息">
          <Statistic value={forwarded ?? '—'} suffix="条" loading={all.isPending && !failed} />
        </Block>
        <Divider orientation="vertical" style={{ height: 'auto' }} />
        <Block
          title="上级采用"
          note={
            all.data && forwarded
              ? `涉及 ${adoptedItems} 条信息，采用率 ${((adoptedItems / forwarded) * 100).toFixed(1)}%`
              : '—'
          }
        >
          <Statistic
            value={all.data ? adoptionTotal : '—'}
            suffix="条"
            loading={all.isPending && !failed}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Block>
        <Divider orientation="vertical" style={{ height: 'auto' }} />
        <Block title="上级采用得分" note="各刊物采用条数 × 每条分值">
          <Statistic value={tally ? tally.points : '—'} suffix="分" loading={!tally && !failed} />
        </Block>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          {tally ? (
            <Flex gap={8} wrap style={{ height: '100%' }}>
              {tally.rows.map((r) => (
                <PublicationBox key={r.publicationName} tally={r} />
              ))}
            </Flex>
          ) : (
            <Skeleton active paragraph={{ rows: 2 }} title={false} />
          )}
        </div>
      </Flex>
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

/** One publication: its adoptions and the points they earn. */
function PublicationBox({ tally }: { tally: PublicationTally }) {
  return (
    <div
      title={tally.officeName ?? undefined}
      style={{
        flex: '1 1 140px',
        padding: '8px 12px',
        background: tally.adoptions ? '#f6ffed' : '#fafafa',
        border: `1px solid ${tally.adoptions ? '#d9f7be' : '#f0f0f0'}`,
        borderRadius: 4,
      }}
    >
      <Typography.Text ellipsis style={{ display: 'block', fontSize: 13 }}>
        《{tally.publicationName}》
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <Typography.Text strong style={{ fontSize: 18 }}>
          {tally.adoptions}
        </Typography.Text>
        <Typography.Text type="secondary"> 条</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tally.pointsPerItem === null
            ? '（分值未知）'
            : ` × ${tally.pointsPerItem} 分 = ${tally.points} 分`}
        </Typography.Text>
      </div>
    </div>
  );
}
