import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RecordFileList, RecordFileUpload } from '../../components/RecordFiles.tsx';
import { AttendanceCard } from '../../features/meetings/AttendanceCard.tsx';
import {
  MEETINGS_KEY,
  type Meeting,
  meetingDownloadUrl,
  meetingFileUrl,
  useMeeting,
} from '../../features/meetings/api.ts';
import { ChecklistCard } from '../../features/meetings/ChecklistCard.tsx';
import { AttendanceTag, KindTag, LevelTag, timeRange } from '../../features/meetings/labels.tsx';
import { MeetingFormModal } from '../../features/meetings/MeetingFormModal.tsx';
import { MinutesCard } from '../../features/meetings/MinutesCard.tsx';
import { formatDateTime } from '../../format.ts';

/** Where the meeting stands in time: 未开始 / 进行中 / 已结束. */
function PhaseTag({ m }: { m: Meeting }) {
  const now = dayjs();
  if (dayjs(m.startsAt).isAfter(now)) return <Tag color="blue">未开始</Tag>;
  if (m.endsAt && dayjs(m.endsAt).isAfter(now)) return <Tag color="processing">进行中</Tag>;
  return <Tag>已召开</Tag>;
}

/** An invited unit's own mark: 出席 with its people, 请假, 缺席, or not yet recorded. */
function OwnAttendanceCard({ m }: { m: Meeting }) {
  return (
    <Card size="small" title="本单位出席情况" data-testid="own-attendance">
      {m.participants.length === 0 ? (
        <Typography.Text type="secondary">本单位不在参会单位中</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {m.participants.map((p) => (
            <Flex key={p.unit.id} gap={8} wrap align="center">
              <Typography.Text strong>{p.unit.name}</Typography.Text>
              <AttendanceTag attendance={p.attendance} startsAt={m.startsAt} />
              {p.attendees.length > 0 && (
                <Typography.Text>参会人员：{p.attendees.join('、')}</Typography.Text>
              )}
              {p.attendance === 'expected' && (
                <Typography.Text type="secondary">
                  {dayjs(m.startsAt).isAfter(dayjs())
                    ? '请按时参加；不能参加的，请向会议登记单位请假。'
                    : `出席情况由${m.office.name}登记`}
                </Typography.Text>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function MeetingView({ m }: { m: Meeting }) {
  const [editing, setEditing] = useState<Meeting | null>(null);
  const staff = m.actions.includes('update');
  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
          <KindTag kind={m.kind} label={m.kindLabel} />
          <LevelTag level={m.level} label={m.levelLabel} />
          <PhaseTag m={m} />
        </Flex>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Typography.Title level={4} style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            {m.title}
          </Typography.Title>
          {staff && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(m)}>
              编辑
            </Button>
          )}
        </Flex>
      </div>
      <Card size="small" title="会议信息">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'time', label: '时间', children: timeRange(m.startsAt, m.endsAt) },
            { key: 'location', label: '地点', children: m.location ?? '—' },
            { key: 'organiser', label: '主办单位', children: m.organiser },
            {
              key: 'recorded',
              label: '登记',
              children: `${m.office.name} ${m.createdByName} ${formatDateTime(m.createdAt)}`,
            },
            ...(staff
              ? [
                  {
                    key: 'units',
                    label: '参会单位',
                    children: m.participants.length ? `${m.participants.length} 个单位` : '未邀请单位',
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {staff ? (
        <>
          {m.checklist && <ChecklistCard meeting={m} />}
          <AttendanceCard meeting={m} />
        </>
      ) : (
        <OwnAttendanceCard m={m} />
      )}
      <MinutesCard meeting={m} />
      <Card
        size="small"
        title="附件"
        data-testid="files"
        extra={
          m.actions.includes('attach') && (
            <RecordFileUpload url={meetingFileUrl(m.id)} refresh={MEETINGS_KEY} />
          )
        }
      >
        {m.files.length ? (
          <RecordFileList files={m.files} urlOf={(fileId) => meetingDownloadUrl(m.id, fileId)} />
        ) : !m.actions.includes('attach') ? (
          <Typography.Text type="secondary">暂无附件</Typography.Text>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              m.actions.includes('attach') ? '暂无附件。可上传会议通知、签到表、课件、照片等。' : '暂无附件'
            }
          />
        )}
      </Card>
      {editing && <MeetingFormModal open meeting={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

/** 会议详情 (/meetings/:id): the meeting, its checklist, attendance, minutes and files. */
export function MeetingPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useMeeting(id);
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/meetings');
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={goBack} style={{ padding: 0, marginBottom: 8 }}>
      返回
    </Button>
  );
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
      return (
        <Result
          status="404"
          title="会议不存在或您无权查看"
          extra={
            <Link to="/meetings">
              <Button type="primary">返回会议列表</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      {back}
      <MeetingView m={query.data} />
    </>
  );
}
