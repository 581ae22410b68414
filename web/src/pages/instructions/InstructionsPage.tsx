import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Input, Progress, Select, Space, Switch, Typography } from 'antd';
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
  INSTRUCTION_PAGE_SIZE,
  type InstructionFilters,
  type InstructionLevel,
  type InstructionRow,
  type InstructionStatus,
  useInstructions,
} from '../../features/instructions/api.ts';
import {
  AssignmentStatusTag,
  InstructionStatusTag,
  LEVEL_LABELS,
  LevelTag,
  leaderLine,
  OverdueTag,
  STATUS_LABELS,
} from '../../features/instructions/labels.tsx';
import { RecordInstructionModal } from '../../features/instructions/RecordInstructionModal.tsx';
import { ROW_STYLES } from '../../features/items/editor/rowStyles.ts';
import { MemberUnitSelect } from '../../features/orgs/MemberUnitSelect.tsx';
import { formatDate } from '../../format.ts';

const FILTER_KEYS = ['status', 'level', 'unitId', 'overdue', 'q'] as const;
type FormValues = Omit<InstructionFilters, 'itemId'>;

/** The URL of the instruction list: its filters. */
const PARAMS = {
  status: oneOf(Object.keys(STATUS_LABELS) as InstructionStatus[]),
  level: oneOf(Object.keys(LEVEL_LABELS) as InstructionLevel[]),
  unitId: text(),
  overdue: flag(),
  q: text(),
};

/** What the page is for the caller: the office manages, a leader follows, a unit answers. */
function useAudience() {
  const me = useMe();
  const roles = me.user.roles;
  if (roles.includes('editor') || roles.includes('chief_editor'))
    return {
      kind: 'staff' as const,
      title: '领导批示',
      description: '领导在传阅件上的批示和登记的纸质、上级批示：交办承办单位，跟踪落实反馈，逾期标红。',
    };
  if (roles.includes('leader'))
    return {
      kind: 'leader' as const,
      title: '我的批示',
      description: '您作出的批示及各承办单位的落实情况。',
    };
  return {
    kind: 'unit' as const,
    title: '批示落实',
    description: '交办本单位落实的领导批示：在反馈期限前报送落实情况，办公室审核后办结。',
  };
}

/**
 * 领导批示 (/instructions): one list for three audiences — the office's 批示管理, a leader's own
 * instructions, a unit's assignments — with its filters in the URL. The server decides the scope.
 */
export function InstructionsPage() {
  const audience = useAudience();
  const { filters, page, update, setPage } = useListParams(PARAMS);
  const query = useInstructions(filters, page);
  const [form] = Form.useForm<FormValues>();
  const [recording, setRecording] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ ...filters, q: filters.q ?? '' });
  }, [filters, form]);

  const search = (v: FormValues) =>
    update({
      status: v.status,
      level: v.level,
      unitId: v.unitId,
      overdue: v.overdue ? 'true' : undefined,
      q: v.q?.trim() || undefined,
    });
  const filtered = hasAny(filters, FILTER_KEYS);

  const columns: ColumnsType<InstructionRow> = [
    {
      title: '批示',
      key: 'leader',
      width: 230,
      render: (_: unknown, r) => (
        <div style={{ lineHeight: '22px' }}>
          <Flex gap={4} align="center" wrap>
            <LevelTag level={r.level} label={r.levelLabel} />
            <Link to={`/instructions/${r.id}`}>{leaderLine(r.leaderName, r.leaderTitle)}</Link>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            第 {r.serial} 号 · {formatDate(r.instructedOn)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '批示内容',
      key: 'text',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/instructions/${r.id}`} className="xb-clamp-2" style={{ color: 'inherit' }}>
            {r.text}
          </Link>
          {r.subject && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
              {r.subject.kind === 'issue' ? '刊物' : '信息'}：{r.subject.title}
              {r.originUnitName ? `（${r.originUnitName}）` : ''}
            </Typography.Text>
          )}
        </div>
      ),
    },
    audience.kind === 'unit'
      ? {
          title: '本单位',
          key: 'mine',
          width: 130,
          render: (_: unknown, r) =>
            r.myStatus ? (
              <AssignmentStatusTag status={r.myStatus} />
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        }
      : {
          title: '落实进度',
          key: 'progress',
          width: 150,
          render: (_: unknown, r) =>
            r.units === 0 ? (
              <Typography.Text type="secondary">未交办</Typography.Text>
            ) : (
              <div style={{ lineHeight: '18px' }}>
                <Progress
                  percent={Math.round((r.completed / r.units) * 100)}
                  size="small"
                  showInfo={false}
                  status={r.overdue ? 'exception' : undefined}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  办结 {r.completed} / {r.units} 个单位
                </Typography.Text>
              </div>
            ),
        },
    {
      title: '反馈期限',
      key: 'deadline',
      width: 120,
      render: (_: unknown, r) => (
        <Flex vertical gap={2} align="flex-start">
          {r.nextDeadline ? (
            formatDate(r.nextDeadline)
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
          {r.overdue > 0 && <OverdueTag count={audience.kind === 'unit' ? undefined : r.overdue} />}
        </Flex>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: InstructionStatus, r) => <InstructionStatusTag status={s} label={r.statusLabel} />,
    },
  ];

  const emptyText = filtered ? (
    <Empty description="没有符合条件的批示。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty
      description={
        audience.kind === 'staff'
          ? '还没有领导批示。领导在传阅件上批示后出现在这里；纸质或上级批示请点“登记批示”。'
          : audience.kind === 'leader'
            ? '您还没有作出批示。打开传阅件，点“写批示”。'
            : '还没有交办本单位落实的批示。'
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
            {audience.kind === 'staff' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
                登记批示
              </Button>
            )}
            <ExportButton
              url="/api/instructions/export.xlsx"
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
      <Card size="small" className="xb-queue">
        <Form<FormValues>
          form={form}
          layout="inline"
          name="instruction-search"
          onFinish={search}
          style={{ rowGap: 12, marginBottom: 12 }}
        >
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(Object.keys(STATUS_LABELS) as InstructionStatus[]).map((s) => ({
                value: s,
                label: STATUS_LABELS[s],
              }))}
            />
          </Form.Item>
          <Form.Item name="level" label="层级">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(Object.keys(LEVEL_LABELS) as InstructionLevel[]).map((l) => ({
                value: l,
                label: LEVEL_LABELS[l],
              }))}
            />
          </Form.Item>
          {audience.kind !== 'unit' && (
            <Form.Item name="unitId" label="承办单位">
              <MemberUnitSelect includeInactive style={{ width: 190 }} />
            </Form.Item>
          )}
          <Form.Item name="overdue" label="仅看逾期" valuePropName="checked">
            <Switch size="small" />
          </Form.Item>
          <Form.Item name="q" label="搜索">
            <Input allowClear placeholder="批示内容、领导或信息标题" style={{ width: 200 }} maxLength={50} />
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
        <ListTable<InstructionRow>
          query={query}
          page={page}
          pageSize={INSTRUCTION_PAGE_SIZE}
          onPage={setPage}
          empty={emptyText}
          columns={columns}
          rowClassName={(r) => (r.overdue > 0 && r.status !== 'closed' ? 'xb-row-alert' : '')}
          scroll={{ x: 860 }}
        />
      </Card>
      {audience.kind === 'staff' && (
        <RecordInstructionModal open={recording} onClose={() => setRecording(false)} />
      )}
    </>
  );
}
