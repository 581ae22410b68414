import {
  ArrowLeftOutlined,
  CheckOutlined,
  EditOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { RecordFileList, RecordFileUpload } from '../../components/RecordFiles.tsx';
import {
  answerUrl,
  COMMISSIONS_KEY,
  type Commission,
  type CommissionTarget,
  commissionDownloadUrl,
  commissionFileUrl,
  useCancelCommission,
  useCloseCommission,
  useCommission,
  useDeclineCommission,
  useIssueCommission,
} from '../../features/commissions/api.ts';
import { CommissionFormModal } from '../../features/commissions/CommissionFormModal.tsx';
import { CommissionStatusTag, OverdueTag } from '../../features/commissions/labels.tsx';
import { NoticeButtons } from '../../features/commissions/NoticeButtons.tsx';
import { ReasonModal } from '../../features/commissions/ReasonModal.tsx';
import { AnswerCell, TargetsCard } from '../../features/commissions/TargetsCard.tsx';
import { formatDateTime, formatDocDate } from '../../format.ts';

const isStaff = (roles: readonly string[]) => roles.includes('editor') || roles.includes('chief_editor');

/** The notice as the units receive it: title, salutation, requirements, deadline, contact, office. */
function NoticeText({ c }: { c: Commission }) {
  return (
    <div
      style={{
        border: '1px solid #f0d9d9',
        background: '#fffdfb',
        borderRadius: 4,
        padding: 'clamp(10px, 3vw, 16px) clamp(12px, 4vw, 20px)',
        fontFamily: 'FangSong, STFangsong, "仿宋", serif',
        fontSize: 16,
        lineHeight: 1.9,
        overflowWrap: 'anywhere',
      }}
      data-testid="commission-notice"
    >
      <div
        style={{
          textAlign: 'center',
          fontFamily: '"SimHei", "Microsoft YaHei", sans-serif',
          fontSize: 19,
          fontWeight: 600,
          marginBottom: 4,
        }}
      >
        {c.title}
      </div>
      <div style={{ textAlign: 'center', color: '#595959', fontSize: 14, marginBottom: 12 }}>
        {c.numberLabel ?? '（样稿，下发时编号）'}
      </div>
      <div>各有关单位：</div>
      <div style={{ whiteSpace: 'pre-wrap', textIndent: '2em' }}>{c.requirements}</div>
      <div style={{ textIndent: '2em' }}>
        请于 <Typography.Text strong>{c.deadlineLabel}</Typography.Text> 前报送。
      </div>
      <div style={{ textIndent: '2em' }}>
        联系人：{c.contactName}，联系电话：{c.contactPhone}
      </div>
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        <div>{c.office.name}</div>
        <div>{formatDocDate(c.issuedAt ?? c.createdAt)}</div>
      </div>
    </div>
  );
}

function NoticeCard({ c, staff }: { c: Commission; staff: boolean }) {
  return (
    <Card size="small" title="约稿通知">
      <NoticeText c={c} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 12 }}
        items={[
          { key: 'topic', label: '约稿主题', children: c.topic },
          {
            key: 'deadline',
            label: '报送截止',
            children: (
              <Flex gap={4} wrap align="center">
                {c.deadlineLabel}
                {c.overdue && <OverdueTag />}
              </Flex>
            ),
          },
          { key: 'contact', label: '联系人', children: `${c.contactName} ${c.contactPhone}` },
          ...(staff
            ? [
                {
                  key: 'created',
                  label: '拟稿',
                  children: `${c.createdByName} ${formatDateTime(c.createdAt)}`,
                },
              ]
            : []),
          ...(c.issuedAt
            ? [
                {
                  key: 'issued',
                  label: '下发',
                  children: `${c.issuedByName ?? ''} ${formatDateTime(c.issuedAt)}`,
                },
              ]
            : []),
          ...(c.closedAt ? [{ key: 'closed', label: '结束时间', children: formatDateTime(c.closedAt) }] : []),
        ]}
      />
    </Card>
  );
}

/** 附件: the office uploads while the commission is a draft or issued; everyone downloads. */
function FilesCard({ c }: { c: Commission }) {
  const canAttach = c.actions.includes('attach');
  if (c.files.length === 0 && !canAttach) return null;
  return (
    <Card size="small" title="附件">
      <Flex vertical gap={8}>
        {c.files.length === 0 && (
          <Typography.Text type="secondary">暂无附件（如报送模板、参考材料）</Typography.Text>
        )}
        <RecordFileList files={c.files} urlOf={(fileId) => commissionDownloadUrl(c.id, fileId)} />
        {canAttach && (
          <div>
            <RecordFileUpload url={commissionFileUrl(c.id)} refresh={COMMISSIONS_KEY} />
          </div>
        )}
      </Flex>
    </Card>
  );
}

/** A unit's own part: read receipt, answer (items linked or the reason it declined). */
function OwnAnswerCard({ c, onDecline }: { c: Commission; onDecline: (t: CommissionTarget) => void }) {
  const several = c.targets.length > 1;
  return (
    <Card size="small" title="本单位答复" data-testid="own-answer">
      <Flex vertical gap={12}>
        {c.targets.map((t) => (
          <div key={t.unit.id}>
            {several && (
              <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 4 }}>
                <Typography.Text strong>{t.unit.name}</Typography.Text>
                <Flex gap={8}>
                  {t.actions.includes('answer') && (
                    <Link to={answerUrl(c.id)}>
                      <Button size="small" type="primary">
                        报送信息
                      </Button>
                    </Link>
                  )}
                  {t.actions.includes('decline') && (
                    <Button size="small" onClick={() => onDecline(t)}>
                      无法报送
                    </Button>
                  )}
                </Flex>
              </Flex>
            )}
            <AnswerCell t={t} />
            {t.items.length === 0 && t.answer !== 'declined' && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                尚未报送信息。点“报送信息”写一篇关联本约稿的信息，本单位签发后即记为已报送。
              </Typography.Paragraph>
            )}
            {t.readAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                {t.readByName ?? ''} {formatDateTime(t.readAt)} 已读
              </Typography.Text>
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}

function CommissionView({ c }: { c: Commission }) {
  const me = useMe();
  const staff = isStaff(me.user.roles);
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [declineFor, setDeclineFor] = useState<CommissionTarget | null>(null);
  const issue = useIssueCommission();
  const close = useCloseCommission();
  const cancel = useCancelCommission();
  const decline = useDeclineCommission();
  const can = (a: Commission['actions'][number]) => c.actions.includes(a);
  const declinable = c.targets.filter((t) => t.actions.includes('decline'));
  // A caller answering for several units does so unit by unit in its answer card.
  const ownMany = !staff && c.targets.length > 1;

  const confirmIssue = () =>
    modal.confirm({
      title: '签发下发约稿通知？',
      content: c.targets.length
        ? `下发后编号，${c.targets.length} 个约稿单位将收到通知；下发后不能再修改。`
        : '尚未选择约稿单位，请先编辑选择。',
      okText: '签发下发',
      onOk: () =>
        issue
          .mutateAsync({ id: c.id, version: c.version })
          .then((r) => message.success(`已下发：${r.numberLabel ?? ''}`))
          .catch((err: Error) => {
            message.error(err.message);
          }),
    });
  const confirmClose = () =>
    modal.confirm({
      title: '结束约稿？',
      content:
        c.counts.open > 0
          ? `还有 ${c.counts.open} 个单位未答复，结束后记为未报送，各单位不能再答复。`
          : '结束后各单位不能再答复。',
      okText: '结束约稿',
      onOk: () =>
        close
          .mutateAsync({ id: c.id, version: c.version })
          .then(() => message.success('约稿已结束'))
          .catch((err: Error) => {
            message.error(err.message);
          }),
    });

  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary" data-testid="commission-number">
            {c.numberLabel ?? '未编号'}
          </Typography.Text>
          <CommissionStatusTag status={c.status} label={c.statusLabel} />
          {c.overdue && <OverdueTag />}
        </Flex>
        <Typography.Title level={4} style={{ margin: '0 0 12px', overflowWrap: 'anywhere' }}>
          {c.title}
        </Typography.Title>
        <Flex gap={8} wrap>
          {can('answer') && !ownMany && (
            <Link to={answerUrl(c.id)}>
              <Button type="primary" icon={<SendOutlined />}>
                报送信息
              </Button>
            </Link>
          )}
          {!ownMany && declinable.length === 1 && (
            <Button icon={<StopOutlined />} onClick={() => setDeclineFor(declinable[0] ?? null)}>
              无法报送
            </Button>
          )}
          {can('edit') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          )}
          {can('issue') && (
            <Button type="primary" icon={<SendOutlined />} onClick={confirmIssue} loading={issue.isPending}>
              签发下发
            </Button>
          )}
          {can('close') && (
            <Button icon={<CheckOutlined />} onClick={confirmClose} loading={close.isPending}>
              结束约稿
            </Button>
          )}
          {can('cancel') && (
            <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
              撤销
            </Button>
          )}
          <NoticeButtons commission={c} />
        </Flex>
      </div>
      {c.status === 'draft' && (
        <Alert
          type="info"
          showIcon
          title="草稿：尚未下发，约稿单位看不到。核对通知内容和约稿单位后点“签发下发”。"
        />
      )}
      {c.status === 'cancelled' && (
        <Alert type="warning" showIcon title={`约稿已撤销${c.cancelReason ? `：${c.cancelReason}` : ''}`} />
      )}
      {c.status === 'closed' && (
        <Alert
          type="success"
          showIcon
          title={`约稿已于 ${formatDateTime(c.closedAt)} 结束，不再接受答复。`}
        />
      )}
      <NoticeCard c={c} staff={staff} />
      {staff ? (
        <TargetsCard commission={c} />
      ) : (
        c.targets.length > 0 && <OwnAnswerCard c={c} onDecline={setDeclineFor} />
      )}
      <FilesCard c={c} />
      {can('edit') && <CommissionFormModal open={editing} commission={c} onClose={() => setEditing(false)} />}
      <ReasonModal
        open={cancelling}
        title="撤销约稿"
        label="撤销原因"
        okText="撤销约稿"
        danger
        intro={
          c.status === 'issued'
            ? '撤销后各约稿单位收到撤销通知，不能再答复。'
            : '撤销的草稿保留在列表中，状态为已撤销。'
        }
        placeholder="如：工作安排调整，本次约稿取消。"
        onSubmit={(reason) =>
          cancel
            .mutateAsync({ id: c.id, reason, version: c.version })
            .then(() => message.success('约稿已撤销'))
        }
        onClose={() => setCancelling(false)}
      />
      <ReasonModal
        open={!!declineFor}
        title="无法报送"
        label="婉拒原因"
        okText="提交"
        intro={`向${c.office.name}说明本单位${declineFor && c.targets.length > 1 ? `（${declineFor.unit.name}）` : ''}无法报送的原因；之后仍可报送信息。`}
        placeholder="如：本单位暂无此方面工作动态。"
        onSubmit={(reason) =>
          decline
            .mutateAsync({ id: c.id, reason, unitId: declineFor?.unit.id })
            .then(() => message.success('已回复办公室：无法报送'))
        }
        onClose={() => setDeclineFor(null)}
      />
    </Flex>
  );
}

/** 约稿详情 (/commissions/:id): the notice, and the office's receipts and answers or the unit's own. */
export function CommissionPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const qc = useQueryClient();
  const query = useCommission(id);
  const opened = query.isSuccess;
  // A unit's opening is its read receipt: the list's unread mark is stale after it.
  useEffect(() => {
    if (opened && !isStaff(me.user.roles))
      void qc.invalidateQueries({ queryKey: [...COMMISSIONS_KEY, 'list'] });
  }, [opened, me.user.roles, qc]);
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/commissions');
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
          title="约稿不存在或您无权查看"
          extra={
            <Link to="/commissions">
              <Button type="primary">返回约稿列表</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      {back}
      <CommissionView c={query.data} />
    </>
  );
}
