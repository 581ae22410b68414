import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/context.ts';
import { ExportButton, ListTable, useListParams } from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ITEM_PAGE_SIZE, useItems, useOfficeNames } from '../../features/items/api.ts';
import { ItemCardList, ItemsEmpty } from '../../features/items/ItemCardList.tsx';
import { PriorityTag } from '../../features/items/ItemTags.tsx';
import type { ItemSummary } from '../../features/items/types.ts';
import { useWorkflowActions } from '../../features/items/useWorkflowActions.tsx';
import { formatDateTime } from '../../format.ts';
import { useIsMobile } from '../../layout/useIsMobile.ts';

/** 待签发 has no filters: the URL holds the page only. */
const PARAMS = {};

/** 待签发 (/items/signoff): the unit's items waiting for the signer, urgent ones first. */
export function SignoffPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { page, setPage } = useListParams(PARAMS);
  const query = useItems('signoff', {}, page);
  const { start, dialogs } = useWorkflowActions({ onConflict: () => void query.refetch() });
  const office = useOfficeNames(me.user.primaryUnit?.parentId);

  const quickActions = (i: ItemSummary, small = true) => (
    <Space size={4}>
      {i.actions.includes('sign') && (
        <Button
          type={small ? 'link' : 'primary'}
          size="small"
          icon={<CheckOutlined />}
          onClick={(e) => {
            e.stopPropagation();
            start(i, 'sign', { officeName: office.data?.name });
          }}
        >
          签发
        </Button>
      )}
      {i.actions.includes('signer_return') && (
        <Button
          type={small ? 'link' : 'default'}
          size="small"
          icon={<RollbackOutlined />}
          onClick={(e) => {
            e.stopPropagation();
            start(i, 'signer_return');
          }}
        >
          退回
        </Button>
      )}
    </Space>
  );

  const columns: ColumnsType<ItemSummary> = [
    { title: '编号', dataIndex: 'serial', width: 80 },
    {
      title: '标题',
      key: 'title',
      render: (_: unknown, i) => (
        <span>
          <PriorityTag priority={i.priority} />
          <Link to={`/items/${i.id}`} style={{ fontWeight: 500 }} onClick={(e) => e.stopPropagation()}>
            {i.title}
          </Link>
        </span>
      ),
    },
    { title: '类别', dataIndex: 'categoryLabel', width: 80 },
    { title: '作者', dataIndex: 'authorName', width: 90 },
    {
      title: '提交时间',
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { title: '操作', key: 'actions', width: 170, fixed: 'right', render: (_: unknown, i) => quickActions(i) },
  ];

  const empty = query.isPending ? (
    ' '
  ) : (
    <ItemsEmpty description="没有待签发的信息。信息员提交签发后会出现在这里。" />
  );

  return (
    <>
      <PageHeader
        title="待签发"
        description="本单位信息员提交的信息。请审阅正文后签发报送，或写明原因退回修改。"
      />
      <Card size="small">
        {query.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          </div>
        )}
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            {query.data && query.data.total > 0 ? `共 ${query.data.total} 条待签发，点击一行查看全文。` : ' '}
          </Typography.Text>
          <ExportButton
            url="/api/items/export.xlsx"
            filters={{ box: 'signoff' }}
            fileName="待签发"
            total={query.data?.total}
          />
        </Flex>
        {isMobile ? (
          <ItemCardList
            items={query.data?.items}
            loading={query.isFetching}
            total={query.data?.total ?? 0}
            page={page}
            pageSize={ITEM_PAGE_SIZE}
            onPage={setPage}
            empty={empty}
            actions={(i) => quickActions(i, false)}
          />
        ) : (
          <ListTable<ItemSummary>
            query={query}
            page={page}
            pageSize={ITEM_PAGE_SIZE}
            onPage={setPage}
            empty={empty}
            unit={null}
            hideOnSinglePage
            columns={columns}
            scroll={{ x: 800 }}
            onRow={(i) => ({ onClick: () => navigate(`/items/${i.id}`), style: { cursor: 'pointer' } })}
          />
        )}
      </Card>
      {dialogs}
    </>
  );
}
