import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Grid, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/context.ts';
import {
  cleared,
  ExportButton,
  flag,
  hasAny,
  ListTable,
  oneOf,
  text,
  useListParams,
} from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  COMMISSION_PAGE_SIZE,
  type CommissionFilters,
  type CommissionRow,
  type CommissionStatus,
  useCommissions,
} from '../../features/commissions/api.ts';
import { CommissionFormModal } from '../../features/commissions/CommissionFormModal.tsx';
import {
  AnswerTag,
  CommissionStatusTag,
  LateTag,
  OverdueTag,
  STATUS_LABELS,
} from '../../features/commissions/labels.tsx';
import { ROW_STYLES } from '../../features/items/editor/rowStyles.ts';
import { MemberUnitSelect } from '../../features/orgs/MemberUnitSelect.tsx';
import { formatDateTime } from '../../format.ts';

const FILTER_KEYS = ['status', 'unitId', 'overdue', 'q'] as const;
type FormValues = CommissionFilters;

/** The URL of the commission list: its filters. */
const PARAMS = {
  status: oneOf(Object.keys(STATUS_LABELS) as CommissionStatus[]),
  unitId: text(),
  overdue: flag(),
  q: text(),
};

/** What the page is for the caller: the office commissions, a unit answers. */
function useAudience() {
  const me = useMe();
  const roles = me.user.roles;
  if (roles.includes('editor') || roles.includes('chief_editor'))
    return {
      kind: 'staff' as const,
      title: '约稿',
      description: '就专题向成员单位约稿：签发约稿通知单，跟踪各单位已读回执和报送情况，逾期标红。',
    };
  return {
    kind: 'unit' as const,
    title: '约稿通知',
    description: '办公室发给本单位的约稿通知：在截止时间前报送关联约稿的信息，确实无法报送的说明原因。',
  };
}

const muted = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
    {text}
  </Typography.Text>
);

/** A figure of the office's columns: plain when zero, coloured otherwise. */
const figure = (n: number, type?: 'success' | 'warning' | 'danger') =>
  n === 0 ? (
    <Typography.Text type="secondary">0</Typography.Text>
  ) : (
    <Typography.Text type={type}>{n}</Typography.Text>
  );

/**
 * 约稿 (/commissions): the office's 约稿管理 — every commission with its read receipts and answers —
 * or a unit's 约稿通知, unread ones in bold; filters in the URL, the server decides the scope.
 */
export function CommissionsPage() {
  const audience = useAudience();
  const staff = audience.kind === 'staff';
  const { filters, page, update, setPage } = useListParams(PARAMS);
  const query = useCommissions(filters, page);
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  // On a phone the number moves under the topic, so the topic comes first in the row.
  const narrow = !Grid.useBreakpoint().md;

  useEffect(() => {
    form.setFieldsValue({ ...filters, q: filters.q ?? '' });
  }, [filters, form]);

  const search = (v: FormValues) =>
    update({
      status: v.status,
      unitId: v.unitId,
      overdue: v.overdue ? 'true' : undefined,
      q: v.q?.trim() || undefined,
    });
  const filtered = hasAny(filters, FILTER_KEYS);
  const unread = (r: CommissionRow) => !staff && !!r.mine && !r.mine.readAt && r.status === 'issued';

  const numberColumn: ColumnsType<CommissionRow>[number] = {
    title: '编号',
    key: 'number',
    width: 170,
    render: (_: unknown, r) =>
      r.numberLabel ? (
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>{r.numberLabel}</Typography.Text>
      ) : (
        <Tag>草稿</Tag>
      ),
  };
  const topicColumn: ColumnsType<CommissionRow>[number] = {
    title: '主题',
    key: 'topic',
    render: (_: unknown, r) => (
      <div style={{ minWidth: 180 }}>
        <Link
          to={`/commissions/${r.id}`}
          className="xb-clamp-2"
          style={{ color: 'inherit', fontWeight: unread(r) ? 600 : undefined }}
        >
          {unread(r) && <span className="xb-unread-dot" title="未读" />}
          {r.topic}
        </Link>
        {narrow && muted(r.numberLabel ?? '草稿')}
        {staff
          ? muted(`${r.createdByName}${r.issuedAt ? ` · ${formatDateTime(r.issuedAt)} 下发` : ' 拟稿'}`)
          : r.issuedAt && muted(`${r.office.name} · ${formatDateTime(r.issuedAt)} 下发`)}
      </div>
    ),
  };
  const deadlineColumn: ColumnsType<CommissionRow>[number] = {
    title: '截止时间',
    key: 'deadline',
    width: 150,
    render: (_: unknown, r) => (
      <Flex vertical gap={2} align="flex-start">
        <span style={{ whiteSpace: 'nowrap' }}>{r.deadlineLabel}</span>
        {r.overdue && <OverdueTag />}
      </Flex>
    ),
  };
  const statusColumn: ColumnsType<CommissionRow>[number] = {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (s: CommissionStatus, r) => <CommissionStatusTag status={s} label={r.statusLabel} />,
  };

  const lead = narrow ? [topicColumn] : [numberColumn, topicColumn];
  const columns: ColumnsType<CommissionRow> = staff
    ? [
        ...lead,
        deadlineColumn,
        {
          title: '已读',
          key: 'read',
          width: 70,
          align: 'center',
          render: (_: unknown, r) =>
            r.status === 'draft' ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <span style={{ whiteSpace: 'nowrap' }}>
                {r.counts.read}/{r.counts.total}
              </span>
            ),
        },
        {
          title: '已报送',
          key: 'answered',
          width: 70,
          align: 'center',
          render: (_: unknown, r) => figure(r.counts.answered, 'success'),
        },
        {
          title: '已婉拒',
          key: 'declined',
          width: 70,
          align: 'center',
          render: (_: unknown, r) => figure(r.counts.declined),
        },
        {
          title: '未答复',
          key: 'open',
          width: 70,
          align: 'center',
          render: (_: unknown, r) =>
            r.status === 'draft' ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              figure(r.counts.open, r.overdue ? 'danger' : 'warning')
            ),
        },
        statusColumn,
      ]
    : [
        ...lead,
        {
          title: '本单位',
          key: 'mine',
          width: 150,
          render: (_: unknown, r) =>
            r.mine ? (
              <Flex vertical gap={2} align="flex-start">
                <Flex gap={4} wrap>
                  <AnswerTag answer={r.mine.answer} label={r.mine.answerLabel} />
                  {r.mine.late && <LateTag />}
                </Flex>
                {r.mine.readAt ? muted(`已读 ${formatDateTime(r.mine.readAt)}`) : muted('未读')}
              </Flex>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        deadlineColumn,
        statusColumn,
      ];

  const emptyText = filtered ? (
    <Empty description="没有符合条件的约稿。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty
      description={
        staff ? '还没有约稿。点“新建约稿”，选择约稿单位和报送截止时间。' : '还没有发给本单位的约稿通知。'
      }
    />
  );

  return (
    <>
      <PageHeader
        title={audience.title}
        description={audience.description}
        extra={
          <Space wrap>
            {staff && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建约稿
              </Button>
            )}
            <ExportButton
              url="/api/commissions/export.xlsx"
              filters={filters}
              fileName={audience.title}
              total={query.data?.total}
            />
          </Space>
        }
      />
      <style href="xb-queue-rows" precedence="medium">
        {ROW_STYLES}
      </style>
      <style href="xb-commission-unread" precedence="medium">
        {
          '.xb-unread-dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: #cf1322; margin-inline-end: 6px; vertical-align: 2px; }'
        }
      </style>
      <Card size="small" className="xb-queue">
        <Form<FormValues>
          form={form}
          layout="inline"
          name="commission-search"
          onFinish={search}
          style={{ rowGap: 12, marginBottom: 12 }}
        >
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(Object.keys(STATUS_LABELS) as CommissionStatus[])
                .filter((s) => staff || s !== 'draft')
                .map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            />
          </Form.Item>
          {staff && (
            <Form.Item name="unitId" label="约稿单位">
              <MemberUnitSelect includeInactive style={{ width: 190 }} />
            </Form.Item>
          )}
          <Form.Item name="overdue" label="仅看逾期" valuePropName="checked">
            <Switch size="small" />
          </Form.Item>
          <Form.Item name="q" label="搜索">
            <Input allowClear placeholder="主题或要求" style={{ width: 180 }} maxLength={50} />
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
        <ListTable<CommissionRow>
          query={query}
          page={page}
          pageSize={COMMISSION_PAGE_SIZE}
          onPage={setPage}
          empty={emptyText}
          columns={columns}
          rowClassName={(r) => (r.overdue ? 'xb-row-alert' : '')}
          scroll={{ x: (staff ? 900 : 720) - (narrow ? 170 : 0) }}
        />
      </Card>
      {staff && <CommissionFormModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
