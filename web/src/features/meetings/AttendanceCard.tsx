import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type Attendance,
  type AttendanceInput,
  type Meeting,
  type Participant,
  useRecordAttendance,
} from './api.ts';
import { ATTENDANCE_OPTIONS, parseNames } from './labels.tsx';

/** An edited row and the record it was edited from (a row changed elsewhere meanwhile drops the edit). */
type Draft = { attendance: Attendance; names: string; base: string };
const recordOf = (p: Participant) => `${p.attendance}:${p.attendees.join('、')}`;
const draftOf = (p: Participant): Draft => ({
  attendance: p.attendance,
  names: p.attendees.join('、'),
  base: recordOf(p),
});

/** The counts of a meeting's invited units in one line. */
export function AttendanceSummary({ summary }: { summary: NonNullable<Meeting['summary']> }) {
  const part = (label: string, n: number, color?: string) => (
    <span>
      {label}{' '}
      <Typography.Text strong style={color && n ? { color } : undefined}>
        {n}
      </Typography.Text>
    </span>
  );
  return (
    <Flex gap={16} wrap data-testid="attendance-summary">
      {part('参会单位', summary.invited)}
      {part('出席', summary.present, '#389e0d')}
      {part('缺席', summary.absent, '#cf1322')}
      {part('请假', summary.excused, '#d48806')}
      {part('未登记', summary.expected)}
      {part('人次', summary.personTimes)}
    </Flex>
  );
}

/**
 * 出席登记: per invited unit 应到 / 出席 / 缺席 / 请假 and, for a unit that came, its people's names
 * (typed separated by 、 or spaces). Saving sends the rows changed with the meeting's version; the
 * server refuses 出席 and 缺席 before the meeting has begun and says so.
 */
export function AttendanceCard({ meeting }: { meeting: Meeting }) {
  const record = useRecordAttendance();
  const { message } = App.useApp();
  // Edits are kept per unit until saved, across ticks of the checklist that move the version.
  const [edits, setEdits] = useState<Record<string, Draft>>({});
  const rows: Record<string, Draft> = {};
  for (const p of meeting.participants) {
    const d = edits[p.unit.id];
    if (d && d.base === recordOf(p)) rows[p.unit.id] = d;
  }
  const draft = (p: Participant) => rows[p.unit.id] ?? draftOf(p);
  const set = (p: Participant, change: Partial<Draft>) => {
    const next = { ...draft(p), ...change };
    if (next.attendance !== 'present') next.names = '';
    setEdits({ ...rows, [p.unit.id]: next });
  };
  const changed: AttendanceInput[] = meeting.participants.flatMap((p) => {
    const d = rows[p.unit.id];
    if (!d) return [];
    const attendees = d.attendance === 'present' ? parseNames(d.names) : [];
    const same = d.attendance === p.attendance && attendees.join('、') === p.attendees.join('、');
    return same ? [] : [{ unitId: p.unit.id, attendance: d.attendance, attendees }];
  });
  const begun = !dayjs(meeting.startsAt).isAfter(dayjs());

  const save = () => {
    if (changed.length === 0) {
      message.info('出席情况没有改动');
      return;
    }
    record.mutate(
      { id: meeting.id, attendance: changed, version: meeting.version },
      {
        onSuccess: () => {
          setEdits({});
          message.success(`已登记 ${changed.length} 个单位的出席情况`);
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  const columns: ColumnsType<Participant> = [
    { title: '单位', key: 'unit', width: 180, render: (_, p) => p.unit.name },
    {
      title: '出席情况',
      key: 'attendance',
      width: 120,
      render: (_, p) => (
        <Select
          size="small"
          aria-label={`${p.unit.name}出席情况`}
          value={draft(p).attendance}
          options={ATTENDANCE_OPTIONS}
          onChange={(attendance) => set(p, { attendance })}
          style={{ width: 96 }}
        />
      ),
    },
    {
      title: '参会人员',
      key: 'attendees',
      render: (_, p) => {
        const d = draft(p);
        return (
          <Input
            size="small"
            aria-label={`${p.unit.name}参会人员`}
            value={d.names}
            disabled={d.attendance !== 'present'}
            placeholder={d.attendance === 'present' ? '姓名，用顿号或空格分隔' : ''}
            onChange={(e) => set(p, { names: e.target.value })}
            style={{ minWidth: 200 }}
          />
        );
      },
    },
    {
      title: '人次',
      key: 'count',
      width: 64,
      align: 'right',
      render: (_, p) => {
        const d = draft(p);
        return d.attendance === 'present' ? Math.max(1, parseNames(d.names).length) : 0;
      },
    },
  ];

  return (
    <Card
      size="small"
      title="出席登记"
      className="xb-meeting-attendance"
      data-testid="attendance"
      extra={
        meeting.participants.length > 0 && (
          <Button
            type="primary"
            size="small"
            icon={<SaveOutlined />}
            loading={record.isPending}
            onClick={save}
          >
            保存出席登记
          </Button>
        )
      }
    >
      <style href="xb-meeting-attendance" precedence="medium">
        {'.xb-meeting-attendance tr.xb-meeting-changed > td { background: #fffbe6; }'}
      </style>
      {meeting.participants.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="还没有参会单位。点“编辑”添加参会单位后登记出席情况。"
        />
      ) : (
        <Flex vertical gap={12}>
          {meeting.summary && <AttendanceSummary summary={meeting.summary} />}
          {!begun && (
            <Alert type="info" showIcon title="会议尚未开始：可先登记请假，出席和缺席在会议开始后登记。" />
          )}
          <Table<Participant>
            rowKey={(p) => p.unit.id}
            size="small"
            dataSource={meeting.participants}
            columns={columns}
            scroll={{ x: 580 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
            rowClassName={(p) => (changed.some((c) => c.unitId === p.unit.id) ? 'xb-meeting-changed' : '')}
          />
          {changed.length > 0 && (
            <Typography.Text type="warning">有 {changed.length} 个单位的改动尚未保存</Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
