import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, download } from '../../api/client.ts';
import { DiffView } from '../../components/DiffView.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTimeSeconds } from '../../format.ts';

type AuditEvent = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  diff: unknown;
  ip: string | null;
  userAgent: string | null;
};
type AuditPage = { items: AuditEvent[]; total: number; page: number; pageSize: number };
type ActionOption = { code: string; label: string };

type FormValues = {
  range?: [Dayjs, Dayjs] | null;
  action?: string;
  targetType?: string;
  q?: string;
  ip?: string;
};

const PAGE_SIZE = 20;
const FILTER_KEYS = ['from', 'to', 'action', 'targetType', 'q', 'ip'] as const;

export const TARGET_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  org: '单位',
  dictionary: '字典',
  settings: '系统设置',
  audit: '操作日志',
  system: '系统',
};

function actionColor(action: string): string {
  if (/failed|locked/.test(action)) return 'red';
  if (/deactivated|password_reset/.test(action)) return 'orange';
  if (/created|activated|reactivated|unlocked/.test(action)) return 'green';
  if (/exported|imported/.test(action)) return 'purple';
  if (/updated|changed|moved/.test(action)) return 'blue';
  if (action.startsWith('auth.')) return 'default';
  return 'geekblue';
}

/**
 * The filters as the API takes them, from the page's own URL (so a filtered view can be
 * bookmarked or sent on). Dates stay days: the server reads a day as a whole day, China time.
 */
function apiParams(search: URLSearchParams, page?: number): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = search.get(key);
    if (v) out.set(key, v);
  }
  if (page) {
    out.set('page', String(page));
    out.set('pageSize', String(PAGE_SIZE));
  }
  return out;
}

const columns: ColumnsType<AuditEvent> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTimeSeconds(v) },
  {
    title: '操作人',
    dataIndex: 'actorName',
    width: 180,
    ellipsis: true,
    render: (v: string | null) => v || '—',
  },
  {
    title: '单位',
    dataIndex: 'unitName',
    width: 200,
    ellipsis: true,
    render: (v: string | null) => v || '—',
  },
  {
    title: '操作',
    dataIndex: 'actionLabel',
    width: 120,
    render: (label: string, row) => <Tag color={actionColor(row.action)}>{label || row.action}</Tag>,
  },
  {
    title: '对象',
    key: 'target',
    ellipsis: true,
    render: (_, row) =>
      row.targetLabel || row.targetType ? (
        <span>
          {row.targetType && (
            <Typography.Text type="secondary">
              {TARGET_TYPE_LABELS[row.targetType] ?? row.targetType}：
            </Typography.Text>
          )}
          {row.targetLabel ?? ''}
        </span>
      ) : (
        '—'
      ),
  },
  { title: 'IP', dataIndex: 'ip', width: 140, render: (v: string | null) => v || '—' },
];

function ExpandedEvent({ event }: { event: AuditEvent }) {
  return (
    <div style={{ padding: '4px 8px' }}>
      <Descriptions size="small" column={1} styles={{ label: { width: 88 } }}>
        <Descriptions.Item label="变更内容">
          <DiffView diff={event.diff} />
        </Descriptions.Item>
        {event.targetId && <Descriptions.Item label="对象 ID">{event.targetId}</Descriptions.Item>}
        <Descriptions.Item label="操作代码">{event.action}</Descriptions.Item>
        <Descriptions.Item label="客户端">
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {event.userAgent || '—'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** The auditor's read-only view of every recorded operation, with filters and Excel export. */
export function AuditLogPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const [exporting, setExporting] = useState(false);
  const page = Math.max(1, Number(search.get('page')) || 1);
  const filterKey = FILTER_KEYS.map((k) => search.get(k) ?? '').join('|');

  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api<ActionOption[]>('GET', '/api/audit/actions'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const events = useQuery({
    queryKey: ['audit', 'events', filterKey, page],
    queryFn: () => api<AuditPage>('GET', `/api/audit?${apiParams(search, page)}`),
    placeholderData: keepPreviousData,
  });

  // The form mirrors the URL, also when the URL changes by back/forward.
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filter params
  useEffect(() => {
    const from = search.get('from');
    const to = search.get('to');
    form.setFieldsValue({
      range: from && to ? [dayjs(from), dayjs(to)] : null,
      action: search.get('action') ?? undefined,
      targetType: search.get('targetType') ?? undefined,
      q: search.get('q') ?? '',
      ip: search.get('ip') ?? '',
    });
  }, [filterKey, form]);

  useEffect(() => {
    if (actions.isError) message.error(`操作类型加载失败：${actions.error.message}`);
  }, [actions.isError, actions.error, message]);

  const onSearch = (values: FormValues) => {
    const next = new URLSearchParams();
    if (values.range?.[0] && values.range[1]) {
      next.set('from', values.range[0].format('YYYY-MM-DD'));
      next.set('to', values.range[1].format('YYYY-MM-DD'));
    }
    if (values.action) next.set('action', values.action);
    if (values.targetType) next.set('targetType', values.targetType);
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.ip?.trim()) next.set('ip', values.ip.trim());
    setSearch(next);
  };

  const onReset = () => {
    form.resetFields();
    setSearch(new URLSearchParams());
  };

  const onPage = (nextPage: number) => {
    const next = new URLSearchParams(search);
    if (nextPage > 1) next.set('page', String(nextPage));
    else next.delete('page');
    setSearch(next);
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await download(
        `/api/audit/export.xlsx?${apiParams(search)}`,
        `操作日志-${dayjs().format('YYYYMMDD')}.xlsx`,
      );
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="操作日志"
        description="系统中所有登录、修改与导出操作的记录，只读，不可修改或删除。"
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form<FormValues> form={form} layout="vertical" onFinish={onSearch}>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label="时间范围">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[false, false]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="action" label="操作">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="全部操作"
                  loading={actions.isPending}
                  options={actions.data?.map((a) => ({ value: a.code, label: a.label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="targetType" label="对象类型">
                <Select
                  allowClear
                  placeholder="全部类型"
                  options={Object.entries(TARGET_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="q" label="关键字">
                <Input allowClear placeholder="操作人或对象" maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="ip" label="IP">
                <Input allowClear placeholder="IP 地址" maxLength={45} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={<span aria-hidden> </span>} colon={false}>
                <Flex gap={8} justify="flex-end">
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    查询
                  </Button>
                  <Button onClick={onReset} icon={<ReloadOutlined />}>
                    重置
                  </Button>
                </Flex>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
          <Typography.Text strong>日志列表</Typography.Text>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            导出Excel
          </Button>
        </Flex>
        {events.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={events.error} onRetry={() => void events.refetch()} />
          </div>
        )}
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={events.data?.items ?? []}
          loading={events.isFetching}
          scroll={{ x: 960 }}
          expandable={{ expandedRowRender: (row) => <ExpandedEvent event={row} /> }}
          locale={{ emptyText: '没有符合条件的操作记录，请调整查询条件' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: events.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 条`,
            onChange: onPage,
          }}
        />
      </Card>
    </>
  );
}
