import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PORTAL_QUEUE_STATUSES } from '../../../server/db/schema/issues.ts';
import { ApiError } from '../api/client.ts';
import { ExportButton, ListTable, oneOfOr, useListParams } from '../components/list-kit/index.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ReasonModal, type ReasonRequest } from '../features/items/ReasonModal.tsx';
import { PORTAL_PAGE_SIZE, usePortalQueue, useWithdrawPortal } from '../features/portal/api.ts';
import {
  PORTAL_STATUS_COLORS,
  PORTAL_STATUS_LABELS,
  type PortalEntry,
  type PortalQueueStatus,
} from '../features/portal/types.ts';
import { formatDateTime } from '../format.ts';

/** The URL of the queue: the status shown (待网站发布 unless it says otherwise, or 全部). */
const PARAMS = { status: oneOfOr([...PORTAL_QUEUE_STATUSES, 'all'] as const, 'queued') };
const DEFAULTS = { status: 'queued' };

/**
 * 网站推送 (/portal-queue): the hand-off to the government website — published 普通 items chosen
 * for it, waiting for the portal; a queued one can be withdrawn with a reason.
 */
export function PortalQueuePage() {
  const { message } = App.useApp();
  const { filters, page, update, setPage } = useListParams(PARAMS, DEFAULTS);
  const status = filters.status === 'all' ? undefined : filters.status;
  const query = usePortalQueue(status, page);
  const counts = query.data?.counts;
  const withdraw = useWithdrawPortal();
  const [reason, setReason] = useState<ReasonRequest | null>(null);

  const startWithdraw = (e: PortalEntry) =>
    setReason({
      title: `撤回“${e.title}”？`,
      description: '撤回后该信息不再推送政府网站。',
      label: '撤回原因',
      okText: '撤回',
      danger: true,
      onOk: async (r) => {
        try {
          await withdraw.mutateAsync({ id: e.id, reason: r, version: e.version });
          message.success('已撤回');
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) {
            message.warning(err.message);
            void query.refetch();
            return;
          }
          throw err;
        }
      },
    });

  return (
    <>
      <PageHeader
        title="网站推送"
        description="已发布、密级为普通并选定上网站的信息，在此等待政府网站发布。网站发布后状态变为“已发布”。"
      />
      <Card size="small">
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={status ?? 'all'}
            onChange={(v) => update({ status: String(v) })}
            options={[
              ...PORTAL_QUEUE_STATUSES.map((s) => ({
                value: s,
                label: `${PORTAL_STATUS_LABELS[s]}${counts ? ` ${counts[s]}` : ''}`,
              })),
              { value: 'all', label: '全部' },
            ]}
          />
          <Space size={8}>
            <ExportButton
              url="/api/portal-queue/export.xlsx"
              filters={{ status }}
              fileName="网站推送"
              total={query.data?.total}
            />
            <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
              刷新
            </Button>
          </Space>
        </Flex>
        {query.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          </div>
        )}
        <ListTable<PortalEntry>
          query={query}
          page={page}
          pageSize={PORTAL_PAGE_SIZE}
          onPage={setPage}
          scroll={{ x: 960 }}
          empty={
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                status === 'queued'
                  ? '没有待发布的信息。在刊物中勾选“上网站”并发布，或在已发布信息页点“推送网站”。'
                  : '没有记录'
              }
            />
          }
          columns={[
            { title: '编号', dataIndex: 'serial', width: 64 },
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, r) => <Link to={`/items/${r.itemId}`}>{t}</Link>,
            },
            { title: '报送单位', dataIndex: 'unitName', width: 130, ellipsis: true },
            {
              title: '刊物期号',
              key: 'issue',
              width: 200,
              render: (_: unknown, r) =>
                r.issueLabel ? (
                  `《${r.publicationName ?? ''}》${r.issueLabel}`
                ) : (
                  <Typography.Text type="secondary">单独推送</Typography.Text>
                ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 150,
              render: (s: PortalQueueStatus, r) => (
                <div>
                  <Tag color={PORTAL_STATUS_COLORS[s]}>{r.statusLabel || PORTAL_STATUS_LABELS[s]}</Tag>
                  {r.withdrawnReason && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      原因：{r.withdrawnReason}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            {
              title: '推送',
              key: 'queued',
              width: 170,
              render: (_: unknown, r) => (
                <span>
                  {r.queuedByName}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    {formatDateTime(r.queuedAt)}
                  </Typography.Text>
                </span>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 80,
              fixed: 'right',
              render: (_: unknown, r) =>
                r.actions.includes('withdraw') ? (
                  <Button type="link" size="small" danger onClick={() => startWithdraw(r)}>
                    撤回
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <ReasonModal request={reason} onClose={() => setReason(null)} />
    </>
  );
}
