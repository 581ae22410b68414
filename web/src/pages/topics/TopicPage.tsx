import { ArrowLeftOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Result,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { ItemStatusTag } from '../../features/items/ItemTags.tsx';
import {
  composeLink,
  type TaggedItem,
  TOPIC_PAGE_SIZE,
  type Topic,
  useCanCompose,
  useTopic,
} from '../../features/topics/api.ts';
import { periodDates, TopicStatusTags } from '../../features/topics/labels.tsx';
import { StatFigures } from '../../features/topics/TopicStatsStrip.tsx';
import { type OfficeAction, useTopicActions } from '../../features/topics/useTopicActions.tsx';
import { formatDateTime } from '../../format.ts';

const ACTION_BUTTONS: { action: OfficeAction; label: string; icon: ReactNode; primary?: boolean }[] = [
  { action: 'publish', label: '发布', icon: <SendOutlined />, primary: true },
  { action: 'edit', label: '编辑', icon: <EditOutlined /> },
  { action: 'withdraw', label: '撤回', icon: <StopOutlined /> },
];

function TopicView({
  topic,
  page,
  onPage,
  fetching,
}: {
  topic: Topic;
  page: number;
  onPage: (p: number) => void;
  fetching: boolean;
}) {
  const actions = useTopicActions();
  const canCompose = useCanCompose();
  const office = topic.stats !== null;
  const buttons = ACTION_BUTTONS.filter((b) => topic.actions.includes(b.action));
  const canWrite = canCompose && topic.actions.includes('tag');
  const writable = buttons.length > 0 || canWrite;
  // On a phone the unit and time go under the title, so the table needs no sideways scroll.
  const narrow = Grid.useBreakpoint().md === false;

  const submitted = (r: TaggedItem) =>
    r.submittedAt ? (
      formatDateTime(r.submittedAt)
    ) : (
      <Typography.Text type="secondary">未报送</Typography.Text>
    );
  const columns: ColumnsType<TaggedItem> = [
    { title: '编号', dataIndex: 'serial', width: narrow ? 64 : 80 },
    {
      title: '标题',
      key: 'title',
      render: (_: unknown, r) => (
        <div style={{ minWidth: narrow ? 0 : 200 }}>
          <Link to={r.link} style={{ display: 'block', overflowWrap: 'anywhere' }}>
            {r.title}
          </Link>
          {narrow && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {office ? `${r.unit.name} · ` : ''}
              {submitted(r)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    ...(office && !narrow
      ? [{ title: '报送单位', key: 'unit', width: 170, render: (_: unknown, r: TaggedItem) => r.unit.name }]
      : []),
    {
      title: '状态',
      key: 'status',
      width: narrow ? 84 : 100,
      render: (_: unknown, r) => <ItemStatusTag status={r.status} />,
    },
    ...(narrow
      ? []
      : [
          {
            title: '报送时间',
            key: 'submittedAt',
            width: 140,
            render: (_: unknown, r: TaggedItem) => submitted(r),
          },
        ]),
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary">报送要点 · {topic.periodLabel}</Typography.Text>
          <TopicStatusTags topic={topic} />
        </Flex>
        <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
          {topic.title}
        </Typography.Title>
        <Flex gap={8} wrap style={{ marginTop: writable ? 12 : 0 }}>
          {buttons.map((b) => (
            <Button
              key={b.action}
              type={b.primary ? 'primary' : 'default'}
              danger={b.action === 'withdraw'}
              icon={b.icon}
              onClick={() => actions.start(b.action, topic)}
            >
              {b.label}
            </Button>
          ))}
          {canWrite && (
            <Link to={composeLink(topic.id)}>
              <Button type="primary" icon={<EditOutlined />}>
                按此要点写信息
              </Button>
            </Link>
          )}
        </Flex>
      </div>
      {topic.status === 'withdrawn' && (
        <Alert
          type="warning"
          showIcon
          title={`本要点已于 ${formatDateTime(topic.withdrawnAt)} 由${topic.withdrawnByName ?? '办公室'}撤回`}
          description={topic.withdrawReason ? `撤回原因：${topic.withdrawReason}` : undefined}
        />
      )}
      {topic.status === 'draft' && office && (
        <Alert
          type="info"
          showIcon
          title="草稿：各单位还看不到本要点。确认无误后点“发布”，各单位信息员将收到通知。"
        />
      )}
      <Card size="small" title="报送要求">
        {topic.description ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="topic-description">
            {topic.description}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">未填写报送要求</Typography.Text>
        )}
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'period', label: '时段', children: `${topic.periodLabel}（${periodDates(topic)}）` },
            { key: 'office', label: '发布单位', children: topic.office.name },
            ...(office
              ? [
                  {
                    key: 'created',
                    label: '创建',
                    children: `${topic.createdByName} ${formatDateTime(topic.createdAt)}`,
                  },
                  { key: 'sort', label: '排序号', children: topic.sortOrder },
                ]
              : []),
            ...(topic.publishedAt
              ? [{ key: 'published', label: '发布时间', children: formatDateTime(topic.publishedAt) }]
              : []),
          ]}
        />
      </Card>
      {topic.stats && (
        <Card size="small" title="报送与采用" data-testid="topic-figures">
          <StatFigures stats={topic.stats} />
        </Card>
      )}
      <Card
        size="small"
        title={
          office
            ? `已报送的信息（${topic.items.total} 条）`
            : `本单位按此要点报送的信息（${topic.items.total} 条）`
        }
      >
        <Table<TaggedItem>
          rowKey="id"
          size="middle"
          loading={fetching}
          dataSource={topic.items.items}
          columns={columns}
          scroll={narrow ? undefined : { x: office ? 700 : 560 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  office
                    ? '还没有单位按此要点报送信息（单位签发报送后出现在这里）'
                    : '本单位还没有按此要点报送信息'
                }
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: TOPIC_PAGE_SIZE,
            total: topic.items.total,
            showTotal: (t) => `共 ${t} 条`,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: onPage,
          }}
        />
      </Card>
      {actions.element}
    </Flex>
  );
}

/** 报送要点详情 (/topics/:id): the topic, its figures (the office) and the items tagged to it. */
export function TopicPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useTopic(id, page);
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/topics');
  const onPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    setParams(next, { replace: true });
  };

  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
      return (
        <Result
          status="404"
          title="报送要点不存在或您无权查看"
          extra={
            <Link to="/topics">
              <Button type="primary">返回报送要点</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={goBack}
        style={{ padding: 0, marginBottom: 8 }}
      >
        返回
      </Button>
      <TopicView topic={query.data} page={page} onPage={onPage} fetching={query.isFetching} />
    </>
  );
}
