import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Input, Progress, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/context.ts';
import {
  cleared,
  ExportButton,
  hasAny,
  int,
  ListTable,
  oneOf,
  text,
  useListParams,
} from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  MEETING_PAGE_SIZE,
  type MeetingFilters,
  type MeetingKind,
  type MeetingLevel,
  type MeetingRow,
  useMeetings,
} from '../../features/meetings/api.ts';
import {
  AttendanceTag,
  KIND_LABELS,
  KIND_OPTIONS,
  KindTag,
  LEVEL_LABELS,
  LEVEL_OPTIONS,
  LevelTag,
  thisYear,
  timeParts,
} from '../../features/meetings/labels.tsx';
import { MeetingFormModal } from '../../features/meetings/MeetingFormModal.tsx';
import { StatsCard } from '../../features/meetings/StatsCard.tsx';
import { MemberUnitSelect } from '../../features/orgs/MemberUnitSelect.tsx';

/** The filters a list may be narrowed by (the year is always set: the current one by default). */
const FILTER_KEYS = ['kind', 'level', 'unitId', 'q'] as const;
type FormValues = Omit<MeetingFilters, 'year'> & { year: number };

/** The URL of the meeting list; the year is the current one unless it says otherwise. */
const paramsFor = (current: number) => ({
  year: int(2000, 2100, current),
  kind: oneOf(Object.keys(KIND_LABELS) as MeetingKind[]),
  level: oneOf(Object.keys(LEVEL_LABELS) as MeetingLevel[]),
  unitId: text(),
  q: text(),
});

/** The office's editors manage the meetings; a unit's 信息员 and 签发人 see what they were invited to. */
function useAudience() {
  const roles = useMe().user.roles;
  return roles.includes('editor') || roles.includes('chief_editor') ? ('staff' as const) : ('unit' as const);
}

/**
 * 会议与培训 (/meetings): the office's work meetings, training courses and video conferences of a
 * year with their support checklist and attendance, the year's figures above them; an invited unit
 * sees the meetings it was invited to with its own attendance. Filters live in the URL.
 */
export function MeetingsPage() {
  const audience = useAudience();
  const staff = audience === 'staff';
  const current = thisYear();
  const spec = useMemo(() => paramsFor(current), [current]);
  const { filters, page, update, setPage } = useListParams(spec, { year: String(current) });
  const query = useMeetings(filters, page);
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const years = Array.from({ length: 6 }, (_, i) => current + 1 - i);
  if (!years.includes(filters.year)) years.push(filters.year);

  useEffect(() => {
    form.setFieldsValue({ ...filters, q: filters.q ?? '' });
  }, [filters, form]);

  const search = (v: Partial<FormValues>) =>
    update({
      year: v.year ? String(v.year) : undefined,
      kind: v.kind,
      level: v.level,
      unitId: v.unitId,
      q: v.q?.trim() || undefined,
    });
  const filtered = hasAny(filters, FILTER_KEYS);

  const columns: ColumnsType<MeetingRow> = [
    {
      title: '时间',
      key: 'time',
      width: 150,
      render: (_: unknown, r) => {
        const [start, end] = timeParts(r.startsAt, r.endsAt);
        return (
          <div style={{ lineHeight: '20px', fontVariantNumeric: 'tabular-nums' }}>
            {start}
            {end && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                至 {end}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: '名称',
      key: 'title',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 220, lineHeight: '22px' }}>
          <Link to={`/meetings/${r.id}`} className="xb-clamp-2">
            {r.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {r.organiser}
            {r.location ? ` · ${r.location}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '类别 / 级别',
      key: 'kind',
      width: 130,
      render: (_: unknown, r) => (
        <Flex gap={4} wrap>
          <KindTag kind={r.kind} label={r.kindLabel} />
          <LevelTag level={r.level} label={r.levelLabel} />
        </Flex>
      ),
    },
    ...(staff
      ? ([
          {
            title: '保障清单',
            key: 'checklist',
            width: 120,
            render: (_: unknown, r) =>
              r.checklistProgress && r.checklistProgress.total > 0 ? (
                <div style={{ lineHeight: '18px' }}>
                  <Progress
                    percent={Math.round((r.checklistProgress.done / r.checklistProgress.total) * 100)}
                    size="small"
                    showInfo={false}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    完成 {r.checklistProgress.done}/{r.checklistProgress.total}
                  </Typography.Text>
                </div>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: '出席',
            key: 'attendance',
            width: 130,
            render: (_: unknown, r) =>
              // A meeting of the office above that invited this office: its own mark only.
              !r.summary && r.myAttendance ? (
                <AttendanceTag attendance={r.myAttendance} startsAt={r.startsAt} />
              ) : r.summary && r.summary.invited > 0 ? (
                <div style={{ lineHeight: '20px' }}>
                  出席 {r.summary.present}/{r.summary.invited}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {r.summary.personTimes} 人次
                    {r.summary.excused ? ` · 请假 ${r.summary.excused}` : ''}
                  </Typography.Text>
                </div>
              ) : (
                <Typography.Text type="secondary">无参会单位</Typography.Text>
              ),
          },
        ] satisfies ColumnsType<MeetingRow>)
      : ([
          {
            title: '本单位出席',
            key: 'mine',
            width: 110,
            render: (_: unknown, r) =>
              r.myAttendance ? (
                <AttendanceTag attendance={r.myAttendance} startsAt={r.startsAt} />
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ] satisfies ColumnsType<MeetingRow>)),
  ];

  const emptyText = filtered ? (
    <Empty description="没有符合条件的会议。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty
      description={
        staff
          ? `${filters.year}年度还没有登记会议和培训。点“登记会议”记录工作会议、培训或视频会议。`
          : `${filters.year}年度还没有邀请本单位参加的会议和培训。`
      }
    />
  );

  return (
    <>
      <PageHeader
        title="会议与培训"
        description={
          staff
            ? '登记工作会议、培训和视频会议：会前调试、会中保障、会后维护清单，各单位出席情况和人次，年度统计。'
            : '邀请本单位参加的会议和培训，以及本单位的出席情况。'
        }
        extra={
          <Space wrap>
            {staff && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记会议
              </Button>
            )}
            <ExportButton
              url="/api/meetings/export.xlsx"
              filters={filters}
              fileName="会议与培训"
              total={query.data?.total}
            />
          </Space>
        }
      />
      <Flex vertical gap={16}>
        {staff && (
          <StatsCard
            year={filters.year}
            onUnit={(unitId) => update({ year: String(filters.year), unitId })}
          />
        )}
        <Card size="small" data-testid="meeting-list">
          <Form<FormValues>
            form={form}
            layout="inline"
            name="meeting-search"
            onFinish={search}
            style={{ rowGap: 12, marginBottom: 12 }}
          >
            <Form.Item name="year" label="年度">
              <Select
                style={{ width: 110 }}
                options={years.sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年` }))}
                onChange={(y: number) => update({ year: String(y) })}
              />
            </Form.Item>
            <Form.Item name="kind" label="类别">
              <Select allowClear placeholder="全部" style={{ width: 110 }} options={KIND_OPTIONS} />
            </Form.Item>
            <Form.Item name="level" label="级别">
              <Select allowClear placeholder="全部" style={{ width: 100 }} options={LEVEL_OPTIONS} />
            </Form.Item>
            {staff && (
              <Form.Item name="unitId" label="参会单位">
                <MemberUnitSelect includeInactive style={{ width: 190 }} />
              </Form.Item>
            )}
            <Form.Item name="q" label="搜索">
              <Input allowClear placeholder="会议名称或主办单位" style={{ width: 180 }} maxLength={50} />
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
          <ListTable<MeetingRow>
            query={query}
            page={page}
            pageSize={MEETING_PAGE_SIZE}
            onPage={setPage}
            empty={emptyText}
            columns={columns}
            scroll={{ x: staff ? 860 : 640 }}
          />
        </Card>
      </Flex>
      <style href="xb-meetings" precedence="medium">
        {
          '.xb-clamp-2 { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }'
        }
      </style>
      {staff && <MeetingFormModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
