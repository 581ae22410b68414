import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, List, Segmented, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ExportButton, flag, useListParams } from '../components/list-kit/index.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useMarkRead, useMyCirculations } from '../features/circulation/api.ts';
import type { MyCirculation } from '../features/circulation/types.ts';
import { formatDateTime } from '../format.ts';

/** The URL of the reading list: 未读 only, or everything. */
const PARAMS = { unread: flag() };

/**
 * 传阅件 (/reading): what the office circulated to the leader, unread first and in bold. Opening
 * one marks it read (the office sees the time) and shows the issue or the item.
 */
export function ReadingPage() {
  const navigate = useNavigate();
  const { filters, update } = useListParams(PARAMS);
  const unreadOnly = !!filters.unread;
  const query = useMyCirculations(unreadOnly);
  const markRead = useMarkRead();
  const rows = query.data?.items ?? [];
  const counts = query.data?.counts;

  const open = (c: MyCirculation) => {
    if (!c.readAt) markRead.mutate(c.id);
    navigate(c.kind === 'issue' ? `/issues/${c.issueId}` : `/items/${c.itemId}`);
  };

  return (
    <>
      <PageHeader
        title="传阅件"
        description="办公室传阅给您的刊物和信息。打开即记为已阅，办公室可以看到阅读时间。"
      />
      <Card size="small">
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => update({ unread: v === 'unread' ? 'true' : undefined })}
            options={[
              { value: 'all', label: `全部${counts ? ` ${counts.all}` : ''}` },
              { value: 'unread', label: `未读${counts ? ` ${counts.unread}` : ''}` },
            ]}
          />
          <Space size={8}>
            <ExportButton
              url="/api/circulations/mine/export.xlsx"
              filters={{ unread: unreadOnly }}
              fileName="传阅件"
              total={query.data?.total}
            />
            <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
              刷新
            </Button>
          </Space>
        </Flex>
        {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        <List<MyCirculation>
          loading={query.isPending}
          dataSource={rows}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={unreadOnly ? '没有未读的传阅件' : '还没有传阅给您的刊物或信息'}
              />
            ),
          }}
          renderItem={(c) => (
            <List.Item
              onClick={() => open(c)}
              style={{ cursor: 'pointer', paddingInline: 4 }}
              className="xb-reading-row"
              extra={null}
            >
              <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
                <Flex gap={6} align="flex-start">
                  <Badge status={c.readAt ? 'default' : 'error'} style={{ marginTop: 1 }} />
                  <Tag
                    color={c.kind === 'issue' ? 'geekblue' : 'cyan'}
                    style={{ marginInlineEnd: 0, flex: 'none' }}
                  >
                    {c.kind === 'issue' ? '刊物' : '信息'}
                  </Tag>
                  <Typography.Link
                    strong={!c.readAt}
                    style={{
                      color: c.readAt ? 'rgba(0,0,0,0.65)' : undefined,
                      minWidth: 0,
                      wordBreak: 'break-all',
                    }}
                  >
                    {c.title}
                  </Typography.Link>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 18 }}>
                  {c.officeName} {c.sentByName} 传阅于 {formatDateTime(c.sentAt)}
                  {c.readAt ? ` · 已阅 ${formatDateTime(c.readAt)}` : ' · 未读'}
                </Typography.Text>
                {c.kind === 'issue' && c.firstItemTitles.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 18 }} ellipsis>
                    要目：{c.firstItemTitles.join('；')}
                  </Typography.Text>
                )}
                {c.note && (
                  <Typography.Text style={{ fontSize: 13, paddingInlineStart: 18 }}>
                    附言：{c.note}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
