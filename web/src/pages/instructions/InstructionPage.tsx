import { ArrowLeftOutlined, AuditOutlined, CheckOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RecordFileList, RecordFileUpload } from '../../components/RecordFiles.tsx';
import { AssignModal } from '../../features/instructions/AssignModal.tsx';
import {
  type Assignment,
  downloadUrl,
  type Feedback,
  feedbackFileUrl,
  INSTRUCTIONS_KEY,
  type Instruction,
  instructionFileUrl,
  useInstruction,
} from '../../features/instructions/api.ts';
import { CloseModal } from '../../features/instructions/CloseModal.tsx';
import { DecisionModal } from '../../features/instructions/DecisionModal.tsx';
import { FeedbackModal } from '../../features/instructions/FeedbackModal.tsx';
import {
  AssignmentStatusTag,
  InstructionStatusTag,
  LevelTag,
  leaderLine,
  OverdueTag,
} from '../../features/instructions/labels.tsx';
import { formatDate, formatDateTime } from '../../format.ts';

/** One round of 落实反馈 and the office's decision on it. */
function FeedbackRound({
  instructionId,
  fb,
  canAttach,
}: {
  instructionId: string;
  fb: Feedback;
  canAttach: boolean;
}) {
  return (
    <div>
      <Typography.Text strong>第 {fb.round} 次反馈</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        {fb.submittedByName} {formatDateTime(fb.submittedAt)}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
        {fb.text}
      </Typography.Paragraph>
      <RecordFileList files={fb.files} urlOf={(fileId) => downloadUrl(instructionId, fileId)} />
      {canAttach && (
        <div style={{ marginTop: 4 }}>
          <RecordFileUpload
            url={feedbackFileUrl(fb.id)}
            refresh={INSTRUCTIONS_KEY}
            label="补传附件"
            showList
          />
        </div>
      )}
      {fb.decision && (
        <div
          style={{
            marginTop: 6,
            padding: '4px 8px',
            borderRadius: 4,
            background: fb.decision === 'accepted' ? '#f6ffed' : '#fff7e6',
          }}
        >
          <Typography.Text type={fb.decision === 'accepted' ? 'success' : 'warning'}>
            {fb.decision === 'accepted' ? '同意办结' : '需补充反馈'}
          </Typography.Text>
          {fb.decisionNote && <Typography.Text>：{fb.decisionNote}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {fb.decidedByName} {fb.decidedAt && formatDateTime(fb.decidedAt)}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** A handling unit's part: deadline, requirement, feedback rounds, and what the caller may do. */
function AssignmentCard({
  instructionId,
  a,
  onFeedback,
  onDecide,
}: {
  instructionId: string;
  a: Assignment;
  onFeedback: (a: Assignment) => void;
  onDecide: (a: Assignment) => void;
}) {
  const canFeedback = a.actions.includes('submit_feedback');
  const canDecide = a.actions.includes('accept_feedback') || a.actions.includes('request_more');
  const canAttach = a.actions.includes('attach_feedback');
  const latest = a.feedback.at(-1);
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`assignment-${a.unit.name}`}
      title={
        <Flex gap={6} align="center" wrap>
          <span>{a.unit.name}</span>
          <AssignmentStatusTag status={a.status} label={a.statusLabel} />
          {a.overdue && <OverdueTag />}
          {a.late && !a.overdue && <Tag color="orange">逾期反馈</Tag>}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          {canFeedback && (
            <Button type="primary" size="small" icon={<SendOutlined />} onClick={() => onFeedback(a)}>
              {a.feedback.length ? '补充反馈' : '报送落实反馈'}
            </Button>
          )}
          {canDecide && (
            <Button type="primary" size="small" icon={<AuditOutlined />} onClick={() => onDecide(a)}>
              审核反馈
            </Button>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
        反馈期限 {formatDate(a.deadline)} · {a.assignedByName} {formatDateTime(a.assignedAt)} 交办
        {a.completedAt && ` · ${formatDateTime(a.completedAt)} 办结`}
      </Typography.Paragraph>
      {a.requirement && <Typography.Paragraph>办理要求：{a.requirement}</Typography.Paragraph>}
      {a.feedback.length === 0 ? (
        <Typography.Text type="secondary">尚未报送落实反馈</Typography.Text>
      ) : (
        <Timeline
          style={{ marginTop: 12, marginBottom: 0 }}
          items={a.feedback.map((fb) => ({
            key: fb.id,
            color:
              fb.decision === 'accepted' ? 'green' : fb.decision === 'more_requested' ? 'orange' : 'blue',
            children: (
              <FeedbackRound
                instructionId={instructionId}
                fb={fb}
                canAttach={canAttach && fb === latest && !fb.decision}
              />
            ),
          }))}
        />
      )}
    </Card>
  );
}

function InstructionView({ ins }: { ins: Instruction }) {
  const [assigning, setAssigning] = useState(false);
  const [closing, setClosing] = useState(false);
  const [feedbackFor, setFeedbackFor] = useState<Assignment | null>(null);
  const [decisionFor, setDecisionFor] = useState<Assignment | null>(null);
  const can = (a: Instruction['actions'][number]) => ins.actions.includes(a);
  const done = ins.assignments.filter((a) => a.status === 'completed').length;

  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary">批示第 {ins.serial} 号</Typography.Text>
          <InstructionStatusTag status={ins.status} label={ins.statusLabel} />
          <Tag>{ins.sourceLabel}</Tag>
        </Flex>
        <Typography.Title level={4} style={{ margin: '0 0 12px' }}>
          {leaderLine(ins.leaderName, ins.leaderTitle)}批示
        </Typography.Title>
        <Flex gap={8} wrap>
          {can('assign') && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setAssigning(true)}>
              {ins.assignments.length ? '追加交办' : '交办'}
            </Button>
          )}
          {can('close') && (
            <Button icon={<CheckOutlined />} onClick={() => setClosing(true)}>
              直接办结
            </Button>
          )}
        </Flex>
      </div>
      <Card size="small" title="批示内容">
        <div
          style={{
            border: '1px solid #ffccc7',
            background: '#fffaf9',
            borderRadius: 4,
            padding: '12px 16px',
            marginBottom: 12,
          }}
        >
          <Typography.Paragraph
            style={{ fontFamily: 'KaiTi, STKaiti, serif', fontSize: 17, whiteSpace: 'pre-wrap', margin: 0 }}
            data-testid="instruction-text"
          >
            {ins.text}
          </Typography.Paragraph>
          <div style={{ textAlign: 'right', fontFamily: 'KaiTi, STKaiti, serif', fontSize: 15 }}>
            {ins.leaderName}　{formatDate(ins.instructedOn)}
          </div>
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'level',
              label: '批示层级',
              children: (
                <>
                  <LevelTag level={ins.level} label={ins.levelLabel} />
                  {ins.leaderRankLabel}
                </>
              ),
            },
            {
              key: 'subject',
              label: '批示对象',
              children: ins.subject ? (
                ins.subject.link ? (
                  <Link to={ins.subject.link}>{ins.subject.title}</Link>
                ) : (
                  ins.subject.title
                )
              ) : (
                '—'
              ),
            },
            { key: 'origin', label: '报送单位', children: ins.originUnit?.name ?? '—' },
            {
              key: 'recorded',
              label: ins.source === 'online' ? '批示时间' : '登记',
              children: `${ins.recordedByName} ${formatDateTime(ins.createdAt)}`,
            },
            ...(ins.closedAt
              ? [{ key: 'closed', label: '办结时间', children: formatDateTime(ins.closedAt) }]
              : []),
          ]}
        />
        {(ins.files.length > 0 || can('attach')) && (
          <Flex vertical gap={6} style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">批示件</Typography.Text>
            <RecordFileList files={ins.files} urlOf={(fileId) => downloadUrl(ins.id, fileId)} />
            {can('attach') && (
              <div>
                <RecordFileUpload
                  url={instructionFileUrl(ins.id)}
                  refresh={INSTRUCTIONS_KEY}
                  label="上传扫描件"
                  showList
                />
              </div>
            )}
          </Flex>
        )}
      </Card>
      <Card
        size="small"
        title={
          ins.assignments.length
            ? `交办与落实（办结 ${done} / ${ins.assignments.length} 个单位）`
            : '交办与落实'
        }
      >
        {ins.assignments.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={can('assign') ? '尚未交办。点击“交办”选择承办单位和反馈期限。' : '尚未交办承办单位'}
          />
        ) : (
          <Flex vertical gap={12}>
            {ins.assignments.map((a) => (
              <AssignmentCard
                key={a.id}
                instructionId={ins.id}
                a={a}
                onFeedback={setFeedbackFor}
                onDecide={setDecisionFor}
              />
            ))}
          </Flex>
        )}
      </Card>
      <AssignModal instruction={ins} open={assigning} onClose={() => setAssigning(false)} />
      <CloseModal instruction={ins} open={closing} onClose={() => setClosing(false)} />
      <FeedbackModal assignment={feedbackFor} onClose={() => setFeedbackFor(null)} />
      <DecisionModal assignment={decisionFor} onClose={() => setDecisionFor(null)} />
    </Flex>
  );
}

/** 批示详情 (/instructions/:id): the instruction, its handling units and their 落实反馈. */
export function InstructionPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useInstruction(id);
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/instructions');
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={goBack} style={{ padding: 0, marginBottom: 8 }}>
      返回
    </Button>
  );
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Result
          status="404"
          title="批示不存在或您无权查看"
          extra={
            <Link to="/">
              <Button type="primary">返回首页</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      {back}
      <InstructionView ins={query.data} />
    </>
  );
}
