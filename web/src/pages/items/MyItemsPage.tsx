import { EditOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, DatePicker, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../../server/modules/items/workflow.ts';
import { useMe } from '../../auth/context.ts';
import {
  cleared,
  ExportButton,
  hasAny,
  ListTable,
  oneOf,
  text,
  useListParams,
} from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { InstructionMark } from '../../features/instructions/InstructionMarkers.tsx';
import { ITEM_PAGE_SIZE, useItemCategories, useItems } from '../../features/items/api.ts';
import { Countdown } from '../../features/items/Countdown.tsx';
import { ItemCardList, ItemsEmpty } from '../../features/items/ItemCardList.tsx';
import { ItemStatusTag, PriorityTag } from '../../features/items/ItemTags.tsx';
import type { ItemPriority, ItemStatus, ItemSummary } from '../../features/items/types.ts';
import { UpperHandling } from '../../features/items/UpperHandling.tsx';
import { formatDateTime } from '../../format.ts';
import { useIsMobile } from '../../layout/useIsMobile.ts';

/** The tabs in the order an item moves through them; 已合报 only appears when there are some. */
const TAB_STATUSES: ItemStatus[] = [
  'draft',
  'pending_signoff',
  'submitted',
  'returned',
  'accepted',
  'in_issue',
  'published',
  'rejected',
  'merged',
];

/** The URL of 我的信息: the status tab and the search form. */
const PARAMS = {
  status: oneOf<ItemStatus>(TAB_STATUSES),
  q: text(),
  categoryCode: text(),
  priority: oneOf(Object.keys(PRIORITY_LABELS) as ItemPriority[]),
  from: text(),
  to: text(),
};
const SEARCH_KEYS = ['q', 'categoryCode', 'priority', 'from', 'to'] as const;

type SearchValues = {
  q?: string;
  categoryCode?: string;
  priority?: ItemPriority;
  range?: [Dayjs | null, Dayjs | null] | null;
};

/** 我的信息 (/items/mine): everything the caller's unit has written, by status, with filters. */
export function MyItemsPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canWrite = me.menu.some((m) => m.path === '/items/new');
  const { filters, page, update, setPage } = useListParams(PARAMS);
  const [searchForm] = Form.useForm<SearchValues>();
  const categories = useItemCategories();
  // On a phone the less used filters fold away (open while any of them is set).
  const [showFilters, setShowFilters] = useState(() =>
    hasAny(filters, ['categoryCode', 'priority', 'from', 'to']),
  );
  const query = useItems('mine', filters, page);

  useEffect(() => {
    searchForm.setFieldsValue({
      q: filters.q,
      categoryCode: filters.categoryCode,
      priority: filters.priority,
      range:
        filters.from || filters.to
          ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
          : null,
    });
  }, [filters, searchForm]);

  const counts = query.data?.counts ?? {};
  const allCount = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const tabLabel = (label: string, n: number | undefined, warn = false) => (
    <Space size={4}>
      {label}
      {!!n && (
        <Badge
          count={n}
          overflowCount={999}
          showZero={false}
          color={warn ? '#fa8c16' : '#d9d9d9'}
          style={warn ? undefined : { color: '#595959' }}
        />
      )}
    </Space>
  );
  const tabs = [
    { key: 'all', label: tabLabel('全部', allCount) },
    ...TAB_STATUSES.filter((s) => s !== 'merged' || counts.merged).map((s) => ({
      key: s,
      label: tabLabel(STATUS_LABELS[s], counts[s], s === 'returned'),
    })),
  ];

  // Sized to fit a 1280 px screen beside the menu without side scrolling: the urgency marks sit
  // with the title and the status instead of a column of their own.
  const columns: ColumnsType<ItemSummary> = [
    { title: '编号', dataIndex: 'serial', width: 72 },
    {
      title: '标题',
      key: 'title',
      render: (_: unknown, i) => (
        <>
          <PriorityTag priority={i.priority} />
          <InstructionMark count={i.instructionCount} />
          <Link to={`/items/${i.id}`} style={{ fontWeight: 500 }}>
            {i.title}
          </Link>
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 132,
      render: (_: unknown, i) => (
        <Space orientation="vertical" size={2}>
          <ItemStatusTag status={i.status} label={i.statusLabel} />
          {/* Urgent items count down while the office has not decided on them. */}
          {i.priority !== 'normal' && i.status === 'submitted' && i.deadlineAt && (
            <Countdown deadlineAt={i.deadlineAt} />
          )}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'categoryLabel', width: 72 },
    { title: '作者', dataIndex: 'authorName', width: 84 },
    {
      title: '报送时间',
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">未报送</Typography.Text>,
    },
    { title: '上级处理', key: 'upper', width: 210, render: (_: unknown, i) => <UpperHandling item={i} /> },
    {
      title: '操作',
      key: 'actions',
      width: 88,
      fixed: 'right',
      render: (_: unknown, i) =>
        i.actions.includes('edit') ? (
          <Link to={`/items/${i.id}/edit`}>
            <Button type="link" size="small" icon={<EditOutlined />}>
              编辑
            </Button>
          </Link>
        ) : null,
    },
  ];

  const filtered = hasAny(filters, SEARCH_KEYS);
  const clear = () => {
    searchForm.resetFields();
    update(cleared(SEARCH_KEYS));
  };
  const empty = query.isPending ? (
    ' '
  ) : filtered || filters.status ? (
    <ItemsEmpty description="没有符合条件的信息。">
      {filtered && <Button onClick={clear}>清除条件</Button>}
    </ItemsEmpty>
  ) : (
    <ItemsEmpty description={canWrite ? '本单位还没有信息。写下第一条信息吧。' : '本单位还没有信息。'}>
      {canWrite && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/items/new')}>
          写信息
        </Button>
      )}
    </ItemsEmpty>
  );

  return (
    <>
      <PageHeader
        title="我的信息"
        description="本单位撰写和报送的信息，点击标题查看正文、版本和处理过程。"
        extra={
          <Space wrap>
            {canWrite && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/items/new')}>
                写信息
              </Button>
            )}
            <ExportButton
              url="/api/items/export.xlsx"
              filters={{ box: 'mine', ...filters }}
              fileName="我的信息"
              total={query.data?.total}
            />
          </Space>
        }
      />
      <Card size="small">
        <Form
          form={searchForm}
          layout={isMobile ? 'vertical' : 'inline'}
          name="my-items-search"
          style={{ rowGap: 12, marginBottom: 8 }}
          onFinish={(v) =>
            update({
              q: v.q?.trim() || undefined,
              categoryCode: v.categoryCode,
              priority: v.priority,
              from: v.range?.[0]?.format('YYYY-MM-DD'),
              to: v.range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        >
          <Form.Item name="q" label="关键字" style={isMobile ? { marginBottom: 8 } : undefined}>
            <Input
              allowClear
              placeholder="标题、正文、关键词或编号"
              style={{ width: isMobile ? '100%' : 180 }}
            />
          </Form.Item>
          {(!isMobile || showFilters) && (
            <>
              <Form.Item name="categoryCode" label="类别" style={isMobile ? { marginBottom: 8 } : undefined}>
                <Select
                  allowClear
                  placeholder="全部"
                  style={{ width: isMobile ? '100%' : 110 }}
                  options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.label }))}
                />
              </Form.Item>
              <Form.Item name="priority" label="紧急程度" style={isMobile ? { marginBottom: 8 } : undefined}>
                <Select
                  allowClear
                  placeholder="全部"
                  style={{ width: isMobile ? '100%' : 100 }}
                  options={(Object.keys(PRIORITY_LABELS) as ItemPriority[]).map((p) => ({
                    value: p,
                    label: PRIORITY_LABELS[p],
                  }))}
                />
              </Form.Item>
              <Form.Item name="range" label="日期" style={isMobile ? { marginBottom: 8 } : undefined}>
                <DatePicker.RangePicker
                  allowEmpty={[true, true]}
                  style={{ width: isMobile ? '100%' : 230 }}
                />
              </Form.Item>
            </>
          )}
          <Form.Item style={isMobile ? { marginBottom: 0 } : undefined}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button onClick={clear}>重置</Button>
              {isMobile && (
                <Button type="link" icon={<FilterOutlined />} onClick={() => setShowFilters((v) => !v)}>
                  {showFilters ? '收起' : '更多条件'}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>
        <Tabs
          activeKey={filters.status ?? 'all'}
          onChange={(k) => update({ status: k === 'all' ? undefined : k })}
          items={tabs}
          size="small"
        />
        {query.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          </div>
        )}
        {isMobile ? (
          <ItemCardList
            items={query.data?.items}
            loading={query.isFetching}
            total={query.data?.total ?? 0}
            page={page}
            pageSize={ITEM_PAGE_SIZE}
            onPage={setPage}
            empty={empty}
            extra={(i) => (i.forwardedTo || i.adoptionCount ? <UpperHandling item={i} /> : null)}
            actions={(i) =>
              i.actions.includes('edit') ? (
                <Link to={`/items/${i.id}/edit`}>
                  <Button size="small" icon={<EditOutlined />}>
                    编辑
                  </Button>
                </Link>
              ) : null
            }
          />
        ) : (
          <ListTable<ItemSummary>
            query={query}
            page={page}
            pageSize={ITEM_PAGE_SIZE}
            onPage={setPage}
            empty={empty}
            columns={columns}
            scroll={{ x: 960 }}
          />
        )}
      </Card>
    </>
  );
}
