import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Form, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
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
  RegisterAdjustmentModal,
  RevokeAdjustmentModal,
} from '../../features/assessment/adjustments/AdjustmentModals.tsx';
import {
  ADJUSTMENTS_EXPORT_URL,
  type Adjustment,
  type AdjustmentStatus,
  signedText,
  useAdjustments,
} from '../../features/assessment/adjustments/api.ts';
import { useAssessmentScope } from '../../features/assessment/PeriodBar.tsx';
import { MemberUnitSelect } from '../../features/orgs/MemberUnitSelect.tsx';
import { formatDateTime } from '../../format.ts';

const PAGE_SIZE = 20;
const STATUS_LABELS: Record<AdjustmentStatus, string> = { active: '有效', revoked: '已撤销' };

/** A day in the URL (2026-03-05); anything else is no filter. */
const day = () => (raw: string | null) =>
  raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) && dayjs(raw).isValid() ? raw : undefined;

/** The URL of the list: its filters (the office is the 考评 screens' officeId). */
const PARAMS = {
  unitId: text(),
  from: day(),
  to: day(),
  status: oneOf(Object.keys(STATUS_LABELS) as AdjustmentStatus[]),
};
const FILTER_KEYS = ['unitId', 'from', 'to', 'status'] as const;

type FormValues = {
  unitId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  status?: AdjustmentStatus;
};

const ROW_STYLES = `
.xb-adjustments .ant-table-tbody > tr.xb-adj-revoked > td { color: #8c8c8c; background: #fafafa; }
.xb-adjustments .ant-table-tbody > tr.xb-adj-revoked:hover > td { background: #f5f5f5; }
`;

/** "+2.5" green, "−1.25" red, in tabular figures; struck through and grey once revoked. */
function Points({ points, revoked }: { points: string; revoked?: boolean }) {
  const n = Number(points);
  return (
    <span
      style={{
        fontVariantNumeric: 'tabular-nums',
        fontWeight: 500,
        color: revoked ? '#8c8c8c' : n > 0 ? '#389e0d' : n < 0 ? '#cf1322' : undefined,
        textDecoration: revoked ? 'line-through' : undefined,
        whiteSpace: 'nowrap',
      }}
    >
      {signedText(points)}
    </span>
  );
}

function StatusTag({ row }: { row: Adjustment }) {
  if (row.revokedAt)
    return (
      <Tooltip
        title={
          <>
            {row.revokedByName ?? ''} 于 {formatDateTime(row.revokedAt)} 撤销
            {row.revokeReason && (
              <>
                <br />
                理由：{row.revokeReason}
              </>
            )}
          </>
        }
      >
        <Tag style={{ cursor: 'help', marginInlineEnd: 0 }}>已撤销</Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={`${row.recordedByName} 于 ${formatDateTime(row.createdAt)} 登记`}>
      <Tag color="success" style={{ cursor: 'help', marginInlineEnd: 0 }}>
        有效
      </Tag>
    </Tooltip>
  );
}

/**
 * 加减分登记 (/assessment/adjustments): the additions and deductions an office gives its units
 * outside the items' figures (表彰, 通报批评), counted in the period's ranking. The office's 信息科
 * registers and revokes them (`canManage`); its leaders read every unit's, a unit only its own.
 */
export function AdjustmentsPage() {
  const scope = useAssessmentScope();
  const { offices, officeId, office } = scope;
  const { filters, page, update, setPage } = useListParams(PARAMS);
  const seesAll = office ? office.relation !== 'member' : false;
  const query = useAdjustments(
    { officeId, ...filters, unitId: seesAll ? filters.unitId : undefined },
    !!officeId,
  );
  const list = query.data;
  const canManage = !!list?.canManage && list.officeId === officeId;
  const [form] = Form.useForm<FormValues>();
  const [registering, setRegistering] = useState(false);
  const [revoking, setRevoking] = useState<Adjustment | null>(null);

  useEffect(() => {
    form.setFieldsValue({
      unitId: filters.unitId,
      status: filters.status,
      range:
        filters.from || filters.to
          ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
          : null,
    });
  }, [filters, form]);

  const search = (v: FormValues) =>
    update({
      unitId: v.unitId,
      status: v.status,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  const filtered = hasAny(filters, FILTER_KEYS);
  const rows = list?.rows ?? [];
  const revokedCount = rows.filter((r) => r.revokedAt).length;

  const columns: ColumnsType<Adjustment> = [
    {
      title: '计分日期',
      dataIndex: 'on',
      width: 110,
      render: (on: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{on}</span>,
    },
    // A unit reads its own registrations only: no column to repeat its name.
    ...(seesAll ? [{ title: '单位', dataIndex: 'unitName', width: 170 }] : []),
    {
      title: '分值',
      dataIndex: 'points',
      width: 90,
      align: 'right',
      render: (points: string, r) => <Points points={points} revoked={!!r.revokedAt} />,
    },
    {
      title: '事由',
      dataIndex: 'reason',
      render: (reason: string) => <div style={{ minWidth: 180, overflowWrap: 'anywhere' }}>{reason}</div>,
    },
    {
      title: '依据',
      dataIndex: 'basis',
      width: 190,
      render: (basis: string | null) =>
        basis ? (
          <span style={{ overflowWrap: 'anywhere' }}>{basis}</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '登记人',
      dataIndex: 'recordedByName',
      width: 100,
      render: (name: string, r) => (
        <Tooltip title={`登记于 ${formatDateTime(r.createdAt)}`}>
          <span>{name}</span>
        </Tooltip>
      ),
    },
    { title: '状态', key: 'status', width: 80, render: (_: unknown, r) => <StatusTag row={r} /> },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 70,
            render: (_: unknown, r: Adjustment) =>
              r.revokedAt ? null : (
                <Button
                  type="link"
                  size="small"
                  danger
                  style={{ padding: '0 4px' }}
                  onClick={() => setRevoking(r)}
                >
                  撤销
                </Button>
              ),
          },
        ]
      : []),
  ];

  const purpose = '登记本办公室对各单位的加分、减分（如表彰、通报批评），计入当期考评得分。';
  const emptyText = filtered ? (
    <Empty description="没有符合条件的加减分登记。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : canManage ? (
    <Empty description={`还没有加减分登记。${purpose}`}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
        登记加减分
      </Button>
    </Empty>
  ) : seesAll ? (
    <Empty description="还没有加减分登记。办公室对各单位的加分、减分（如表彰、通报批评）列在这里，计入当期考评得分。" />
  ) : (
    <Empty description="本单位还没有加减分记录。办公室对本单位的加分、减分（如表彰、通报批评）列在这里，计入当期考评得分。" />
  );

  return (
    <>
      <PageHeader
        title="加减分登记"
        description={
          canManage
            ? purpose
            : seesAll
              ? '办公室对各单位的加分、减分（如表彰、通报批评），计入当期考评得分。'
              : '办公室对本单位的加分、减分（如表彰、通报批评），计入当期考评得分。'
        }
        extra={
          <Space wrap>
            {canManage && officeId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记加减分
              </Button>
            )}
            {officeId && (
              <ExportButton
                url={ADJUSTMENTS_EXPORT_URL}
                filters={{ officeId, ...filters, unitId: seesAll ? filters.unitId : undefined }}
                fileName="加减分登记"
                total={list ? rows.length : undefined}
              />
            )}
          </Space>
        }
      />
      <style href="xb-adjustment-rows" precedence="medium">
        {ROW_STYLES}
      </style>
      {offices.error && <QueryError error={offices.error} onRetry={() => void offices.refetch()} />}
      {offices.data && offices.data.length === 0 ? (
        <Empty description="您不属于任何办公室或报送单位，没有可查看的加减分登记" />
      ) : (
        <Card size="small" className="xb-adjustments">
          <Form<FormValues>
            form={form}
            layout="inline"
            name="adjustment-search"
            onFinish={search}
            style={{ rowGap: 12, marginBottom: 12 }}
          >
            {offices.data && offices.data.length > 1 && (
              <Form.Item label="办公室">
                <Select
                  aria-label="办公室"
                  style={{ minWidth: 220 }}
                  value={officeId}
                  options={offices.data.map((o) => ({
                    value: o.id,
                    label: `${o.name}${o.relation === 'member' ? '（上级）' : ''}`,
                  }))}
                  onChange={(v) => update({ officeId: v, unitId: undefined })}
                />
              </Form.Item>
            )}
            {seesAll && (
              <Form.Item name="unitId" label="单位">
                <MemberUnitSelect includeInactive style={{ width: 200 }} />
              </Form.Item>
            )}
            <Form.Item name="range" label="计分日期">
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="status" label="状态">
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 100 }}
                options={(Object.keys(STATUS_LABELS) as AdjustmentStatus[]).map((s) => ({
                  value: s,
                  label: STATUS_LABELS[s],
                }))}
              />
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
          {list && rows.length > 0 && (
            <Flex
              gap={16}
              wrap
              align="baseline"
              data-testid="adjustments-summary"
              style={{ padding: '8px 12px', marginBottom: 12, background: '#fafafa', borderRadius: 6 }}
            >
              <span>
                合计{' '}
                <span data-testid="adjustments-total" style={{ fontSize: 16 }}>
                  <Points points={list.total} />
                </span>{' '}
                分
              </span>
              <Typography.Text type="secondary">
                有效 {rows.length - revokedCount} 条
                {revokedCount > 0 && ` · 已撤销 ${revokedCount} 条（不计分）`}
              </Typography.Text>
            </Flex>
          )}
          <ListTable<Adjustment>
            query={{
              data: list
                ? { items: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length }
                : undefined,
              isFetching: query.isFetching,
              isPending: query.isPending,
            }}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={setPage}
            empty={emptyText}
            rowClassName={(r) => (r.revokedAt ? 'xb-adj-revoked' : '')}
            columns={columns}
            scroll={{ x: 980 }}
          />
        </Card>
      )}
      {canManage && officeId && (
        <RegisterAdjustmentModal
          open={registering}
          officeId={officeId}
          officeName={office?.name}
          onClose={() => setRegistering(false)}
        />
      )}
      <RevokeAdjustmentModal row={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
