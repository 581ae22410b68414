import { EditOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Pagination,
  Segmented,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
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
import {
  composeLink,
  TOPIC_PAGE_SIZE,
  type TopicFilters,
  type TopicPeriodFilter,
  type TopicRow,
  type TopicStats,
  type TopicStatus,
  useCanCompose,
  useIsTopicStaff,
  useTopics,
} from '../../features/topics/api.ts';
import {
  PERIOD_LABELS,
  PeriodTag,
  periodDates,
  STATUS_LABELS,
  TopicStatusTags,
} from '../../features/topics/labels.tsx';
import { TopicFormModal } from '../../features/topics/TopicFormModal.tsx';
import { TopicStatsStrip } from '../../features/topics/TopicStatsStrip.tsx';
import { ACTION_LABELS, type OfficeAction, useTopicActions } from '../../features/topics/useTopicActions.tsx';

const FILTER_KEYS = ['status', 'period', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type FormValues = Pick<TopicFilters, FilterKey>;

/** The URL of the topic lists: the office filters by all three, a unit by period and keyword. */
const PARAMS = {
  status: oneOf(Object.keys(STATUS_LABELS) as TopicStatus[]),
  period: oneOf(Object.keys(PERIOD_LABELS) as TopicPeriodFilter[]),
  q: text(),
};

const OFFICE_ACTIONS: OfficeAction[] = ['publish', 'edit', 'withdraw'];

const figure = (key: keyof TopicStats) => (_: unknown, r: TopicRow) =>
  r.stats ? (
    <span style={{ fontVariantNumeric: 'tabular-nums', color: r.stats[key] ? undefined : '#bfbfbf' }}>
      {r.stats[key]}
    </span>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

/**
 * The office's 报送要点: the year's figures, the filters (status, where the period stands, a
 * keyword), every topic of the office with its figures and the steps it allows.
 */
function OfficeTopics() {
  const { filters, page, update, setPage } = useListParams(PARAMS);
  const query = useTopics(filters, page);
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const actions = useTopicActions();
  const canCompose = useCanCompose();
  const year = new Date().getFullYear();
  const narrow = Grid.useBreakpoint().md === false;

  useEffect(() => {
    form.setFieldsValue({ ...filters, q: filters.q ?? '' });
  }, [filters, form]);

  const search = (v: FormValues) =>
    update({ status: v.status, period: v.period, q: v.q?.trim() || undefined });
  const filtered = hasAny(filters, FILTER_KEYS);

  const rowActions = (r: TopicRow) => (
    <Flex gap={4} wrap>
      {OFFICE_ACTIONS.filter((a) => r.actions.includes(a)).map((a) => (
        <Button
          key={a}
          type="link"
          size="small"
          danger={a === 'withdraw'}
          style={{ padding: '0 4px' }}
          onClick={() => actions.start(a, r)}
        >
          {ACTION_LABELS[a]}
        </Button>
      ))}
      {canCompose && r.actions.includes('tag') && (
        <Link to={composeLink(r.id)} style={{ padding: '0 4px' }}>
          写信息
        </Link>
      )}
    </Flex>
  );

  /** On a phone one column carries it all: title, period, status, the figures and the steps. */
  const narrowColumns: ColumnsType<TopicRow> = [
    {
      title: '要点',
      key: 'topic',
      render: (_: unknown, r) => (
        <Flex vertical gap={4} style={{ lineHeight: '22px' }}>
          <Link to={`/topics/${r.id}`} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
            {r.title}
          </Link>
          <Flex gap={6} wrap align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.periodLabel}
            </Typography.Text>
            <TopicStatusTags topic={r} />
          </Flex>
          {r.stats && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              报送 {r.stats.submitted} · 采用 {r.stats.accepted} · 刊发 {r.stats.published} · 上级采用{' '}
              {r.stats.upperAdoptions} · {r.stats.units} 个单位
            </Typography.Text>
          )}
          <div style={{ marginInlineStart: -4 }}>{rowActions(r)}</div>
        </Flex>
      ),
    },
  ];

  const columns: ColumnsType<TopicRow> = [
    {
      title: '要点',
      key: 'title',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 180, lineHeight: '22px' }}>
          <Link to={`/topics/${r.id}`} style={{ fontWeight: 500 }}>
            {r.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {r.periodLabel}
            {!r.stats && ` · ${r.office.name}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '时段',
      key: 'period',
      width: 120,
      render: (_: unknown, r) => (
        <span style={{ fontSize: 13, fontVariantNumeric: 'tabular-nums' }}>
          {r.periodStart}
          <br />至 {r.periodEnd}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_: unknown, r) => <TopicStatusTags topic={r} />,
    },
    { title: '报送', key: 'submitted', width: 60, align: 'right', render: figure('submitted') },
    { title: '采用', key: 'accepted', width: 60, align: 'right', render: figure('accepted') },
    { title: '刊发', key: 'published', width: 60, align: 'right', render: figure('published') },
    { title: '上级采用', key: 'upper', width: 76, align: 'right', render: figure('upperAdoptions') },
    { title: '单位数', key: 'units', width: 66, align: 'right', render: figure('units') },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_: unknown, r) => rowActions(r),
    },
  ];

  const emptyText = filtered ? (
    <Empty description="没有符合条件的报送要点。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty description="还没有报送要点。点“新建要点”，按月、季度或年度设置各单位的报送重点。" />
  );

  return (
    <>
      <PageHeader
        title="报送要点"
        description="按时段发布报送要点，各单位按要点报送信息；统计各要点的报送、采用、刊发和上级采用情况。"
        extra={
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建要点
            </Button>
            <ExportButton
              url="/api/topics/export.xlsx"
              filters={filters}
              fileName="报送要点"
              total={query.data?.total}
            />
          </Space>
        }
      />
      <TopicStatsStrip year={year} />
      <Card size="small">
        <Form<FormValues>
          form={form}
          layout="inline"
          name="topic-search"
          onFinish={search}
          style={{ rowGap: 12, marginBottom: 12 }}
        >
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(Object.keys(STATUS_LABELS) as TopicStatus[]).map((s) => ({
                value: s,
                label: STATUS_LABELS[s],
              }))}
            />
          </Form.Item>
          <Form.Item name="period" label="时段">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(Object.keys(PERIOD_LABELS) as TopicPeriodFilter[]).map((p) => ({
                value: p,
                label: PERIOD_LABELS[p],
              }))}
            />
          </Form.Item>
          <Form.Item name="q" label="搜索">
            <Input allowClear placeholder="标题或报送要求" style={{ width: 180 }} maxLength={50} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.resetFields();
                  search({});
                }}
              >
                重置
              </Button>
            </Flex>
          </Form.Item>
        </Form>
        {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        <ListTable<TopicRow>
          query={query}
          page={page}
          pageSize={TOPIC_PAGE_SIZE}
          onPage={setPage}
          empty={emptyText}
          unit="个"
          columns={narrow ? narrowColumns : columns}
          scroll={narrow ? undefined : { x: 900 }}
        />
      </Card>
      <TopicFormModal open={creating} onClose={() => setCreating(false)} />
      {actions.element}
    </>
  );
}

/** One topic as a unit reads it: title, period, the 报送要求 and the way to write an item on it. */
function UnitTopicCard({ topic, canCompose }: { topic: TopicRow; canCompose: boolean }) {
  return (
    <Card size="small" data-testid={`topic-${topic.id}`}>
      <Flex gap={8} justify="space-between" align="flex-start" wrap>
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Link to={`/topics/${topic.id}`} style={{ fontSize: 15, fontWeight: 500 }}>
              {topic.title}
            </Link>
            <PeriodTag topic={topic} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 2 }}>
            {topic.periodLabel}（{periodDates(topic)}）· {topic.office.name}
          </Typography.Text>
        </div>
        {canCompose && topic.actions.includes('tag') && (
          <Link to={composeLink(topic.id)}>
            <Button type={topic.current ? 'primary' : 'default'} icon={<EditOutlined />}>
              按此要点写信息
            </Button>
          </Link>
        )}
      </Flex>
      {topic.description ? (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}
          ellipsis={{ rows: 4, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}
        >
          {topic.description}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** A part of the unit's list: the topics in force, those to come, or the earlier ones (paged; keyed by the keyword, so a new search starts at page 1). */
function UnitSection({
  title,
  period,
  q,
  pageSize,
  canCompose,
  emptyText,
}: {
  title: string;
  period: TopicPeriodFilter;
  q: string | undefined;
  pageSize: number;
  canCompose: boolean;
  /** Shown when the part has no topic; none leaves the part out. */
  emptyText?: string;
}) {
  const [page, setPage] = useState(1);
  const query = useTopics({ period, q }, page, pageSize);
  const total = query.data?.total ?? 0;
  if (query.isSuccess && total === 0 && !emptyText) return null;
  return (
    <section style={{ marginBottom: 20 }} aria-label={title}>
      <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
        {title}
        {total > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 8 }}>
            {total} 个
          </Typography.Text>
        )}
      </Typography.Title>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : total === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        </Card>
      ) : (
        <Flex vertical gap={8}>
          {query.data.items.map((t) => (
            <UnitTopicCard key={t.id} topic={t} canCompose={canCompose} />
          ))}
          {total > pageSize && (
            <Pagination
              size="small"
              align="end"
              current={page}
              pageSize={pageSize}
              total={total}
              showSizeChanger={false}
              onChange={setPage}
            />
          )}
        </Flex>
      )}
    </section>
  );
}

type UnitView = 'all' | TopicPeriodFilter;

/**
 * A unit's 报送要点: the published topics of the office it reports to — those in force first,
 * then those to come, then the earlier ones — each with its 报送要求 and 按此要点写信息.
 */
function UnitTopics() {
  const canCompose = useCanCompose();
  const { filters, update } = useListParams(PARAMS);
  const { q } = filters;
  const view: UnitView = filters.period ?? 'all';
  const [search, setSearch] = useState(q ?? '');
  useEffect(() => setSearch(q ?? ''), [q]);
  const set = (k: 'q' | 'period', v: string | undefined) => update({ [k]: v });
  const show = (p: TopicPeriodFilter) => view === 'all' || view === p;

  return (
    <>
      <PageHeader
        title="报送要点"
        description="办公室按时段发布的报送重点。按要点报送信息时，在写信息页选择对应的要点，办公室按要点统计报送和采用情况。"
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<UnitView>
          value={view}
          onChange={(v) => set('period', v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'current', label: '进行中' },
            { value: 'upcoming', label: '未开始' },
            { value: 'ended', label: '已结束' },
          ]}
        />
        <Input.Search
          allowClear
          placeholder="搜索标题或报送要求"
          maxLength={50}
          style={{ width: 240, maxWidth: '100%' }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
        <ExportButton
          url="/api/topics/export.xlsx"
          filters={{ period: filters.period, q }}
          fileName="报送要点"
        />
      </Flex>
      {show('current') && (
        <UnitSection
          key={q ?? ''}
          title="进行中"
          period="current"
          q={q}
          pageSize={50}
          canCompose={canCompose}
          emptyText={q ? '没有符合条件的进行中要点' : '当前没有进行中的报送要点'}
        />
      )}
      {show('upcoming') && (
        <UnitSection
          key={q ?? ''}
          title="即将开始"
          period="upcoming"
          q={q}
          pageSize={20}
          canCompose={canCompose}
          emptyText={view === 'upcoming' ? '没有即将开始的报送要点' : undefined}
        />
      )}
      {show('ended') && (
        <UnitSection
          key={q ?? ''}
          title="已结束"
          period="ended"
          q={q}
          pageSize={10}
          canCompose={canCompose}
          emptyText={view === 'ended' ? '没有已结束的报送要点' : undefined}
        />
      )}
    </>
  );
}

/**
 * 报送要点 (/topics): the office's 信息科 sets topics for a period, publishes and withdraws them and
 * sees what came in on each; a unit reads the ones published for it and writes items on them.
 */
export function TopicsPage() {
  return useIsTopicStaff() ? <OfficeTopics /> : <UnitTopics />;
}
