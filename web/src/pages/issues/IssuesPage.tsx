import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Input, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ISSUE_STATUSES } from '../../../../server/db/schema/issues.ts';
import { ISSUE_STATUS_LABELS } from '../../../../server/modules/issues/issue-workflow.ts';
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
import { ISSUE_PAGE_SIZE, useIssues, useIssueYears } from '../../features/issues/api.ts';
import { IssueStatusTag } from '../../features/issues/IssueTags.tsx';
import { NewIssueButton } from '../../features/issues/NewIssueButton.tsx';
import type { IssueFilters, IssueStatus, IssueSummary } from '../../features/issues/types.ts';
import { usePublications } from '../../features/items/api.ts';
import { ROW_STYLES } from '../../features/items/editor/rowStyles.ts';
import { formatDate, formatDateTime } from '../../format.ts';

const FILTER_KEYS = ['publicationId', 'year', 'status', 'q'] as const;

/** The URL of the issue list: its four filters. */
const PARAMS = { publicationId: text(), year: text(), status: oneOf(ISSUE_STATUSES), q: text() };

/** 本期要目: the issue's subject, else the first items' titles. */
function Contents({ issue }: { issue: IssueSummary }) {
  if (issue.title) return <span className="xb-clamp-2">{issue.title}</span>;
  if (issue.firstItemTitles.length === 0)
    return <Typography.Text type="secondary">尚未编入信息</Typography.Text>;
  return (
    <span className="xb-clamp-2" title={issue.firstItemTitles.join('\n')}>
      {issue.firstItemTitles.join('；')}
      {issue.itemCount > issue.firstItemTitles.length ? ' 等' : ''}
    </span>
  );
}

/**
 * 刊物编辑 (/issues): the office's issues by publication and year, newest first, with the filters
 * in the URL; 新建一期 allocates the next number and opens the composer.
 */
export function IssuesPage() {
  const { filters, page, update, setPage } = useListParams(PARAMS);
  const publications = usePublications('own');
  const years = useIssueYears(filters.publicationId);
  const query = useIssues(filters, page);
  const [form] = Form.useForm<IssueFilters>();

  useEffect(() => {
    form.setFieldsValue({ ...filters, q: filters.q ?? '' });
  }, [filters, form]);

  const search = (v: IssueFilters) =>
    update({
      publicationId: v.publicationId,
      year: v.year ? String(v.year) : undefined,
      status: v.status,
      q: v.q?.trim() || undefined,
    });

  const filtered = hasAny(filters, FILTER_KEYS);
  const pubs = publications.data ?? [];

  const columns: ColumnsType<IssueSummary> = [
    {
      title: '期号',
      key: 'label',
      width: 190,
      render: (_: unknown, r) => (
        <div style={{ lineHeight: '20px' }}>
          <Link to={`/issues/${r.id}`}>{r.label}</Link>
          {pubs.length !== 1 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              《{r.publicationName}》
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '本期要目', key: 'contents', render: (_: unknown, r) => <Contents issue={r} /> },
    { title: '条数', dataIndex: 'itemCount', width: 64, align: 'right' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: IssueStatus) => <IssueStatusTag status={s} />,
    },
    {
      title: '签发日期',
      dataIndex: 'issueDate',
      width: 110,
      render: (v: string | null) =>
        v ? formatDate(v) : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '责任编辑',
      dataIndex: 'responsibleEditorName',
      width: 96,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 142, render: (v: string) => formatDateTime(v) },
  ];

  const emptyText = filtered ? (
    <Empty description="没有符合条件的期次。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty
      description={
        pubs.length === 0
          ? '本办公室还没有启用的刊物。请先在“刊物设置”中新建刊物。'
          : '还没有期次。点击“新建一期”，再从拟采用的信息中选稿编排。'
      }
    />
  );

  return (
    <>
      <PageHeader
        title="刊物编辑"
        description="组稿编排本办公室的信息刊物：选稿排序、编者按，定版后由签发领导签发，发布后生成正式文档并归档。"
        extra={
          <Space wrap>
            <NewIssueButton publications={pubs} defaultId={filters.publicationId} />
            <ExportButton
              url="/api/issues/export.xlsx"
              filters={filters}
              fileName="刊物期次"
              total={query.data?.total}
            />
          </Space>
        }
      />
      <style href="xb-queue-rows" precedence="medium">
        {ROW_STYLES}
      </style>
      <Card size="small" className="xb-queue">
        <Form<IssueFilters>
          form={form}
          layout="inline"
          name="issue-search"
          onFinish={search}
          style={{ rowGap: 12, marginBottom: 12 }}
        >
          <Form.Item name="publicationId" label="刊物">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 180 }}
              loading={publications.isPending}
              options={pubs.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="year" label="年度">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(years.data ?? []).map((y) => ({ value: String(y), label: `${y}年` }))}
            />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 110 }}
              options={ISSUE_STATUSES.map((s) => ({ value: s, label: ISSUE_STATUS_LABELS[s] }))}
            />
          </Form.Item>
          <Form.Item name="q" label="搜索">
            <Input allowClear placeholder="要目、期号或信息标题" style={{ width: 200 }} maxLength={50} />
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
        {query.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          </div>
        )}
        <ListTable<IssueSummary>
          query={query}
          page={page}
          pageSize={ISSUE_PAGE_SIZE}
          onPage={setPage}
          empty={emptyText}
          unit="期"
          columns={columns}
          scroll={{ x: 900 }}
        />
      </Card>
    </>
  );
}
