import { Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format.ts';
import { Countdown } from './Countdown.tsx';
import { ItemStatusTag, PriorityTag } from './ItemTags.tsx';
import type { ItemSummary } from './types.ts';

/** The phone's version of an item table: one card per item, title first, then status and dates. */
export function ItemCardList({
  items,
  loading,
  total,
  page,
  pageSize,
  onPage,
  empty,
  extra,
  actions,
}: {
  items: ItemSummary[] | undefined;
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  empty: ReactNode;
  /** A line under the meta data (e.g. the upper office's handling). */
  extra?: (item: ItemSummary) => ReactNode;
  actions?: (item: ItemSummary) => ReactNode;
}) {
  if (!items && loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!items || items.length === 0) return <div style={{ padding: '24px 0' }}>{empty}</div>;
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={8}>
        {items.map((item) => {
          const act = actions?.(item);
          const more = extra?.(item);
          return (
            <Card key={item.id} size="small" styles={{ body: { padding: 12 } }}>
              <Flex align="flex-start" gap={6}>
                <PriorityTag priority={item.priority} />
                <Link
                  to={`/items/${item.id}`}
                  style={{ fontWeight: 500, fontSize: 15, lineHeight: 1.5, flex: 1 }}
                >
                  {item.title}
                </Link>
              </Flex>
              <Flex align="center" gap={8} wrap style={{ marginTop: 6 }}>
                <ItemStatusTag status={item.status} label={item.statusLabel} />
                {item.priority !== 'normal' && item.status === 'submitted' && item.deadlineAt && (
                  <Countdown deadlineAt={item.deadlineAt} />
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.serial} · {item.categoryLabel} · {item.authorName}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                {item.submittedAt
                  ? `报送 ${formatDateTime(item.submittedAt)}`
                  : `更新 ${formatDateTime(item.updatedAt)}`}
              </Typography.Text>
              {more && <div style={{ marginTop: 4, fontSize: 12 }}>{more}</div>}
              {act && (
                <Flex gap={8} wrap justify="flex-end" style={{ marginTop: 8 }}>
                  {act}
                </Flex>
              )}
            </Card>
          );
        })}
        {total > pageSize && (
          <Pagination
            simple
            align="center"
            current={page}
            pageSize={pageSize}
            total={total}
            onChange={onPage}
            style={{ marginTop: 8 }}
          />
        )}
      </Flex>
    </Spin>
  );
}

/** Keeps the empty state's Empty consistent across queues. */
export function ItemsEmpty({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}
