import {
  ArrowLeftOutlined,
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  HighlightOutlined,
  LockOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Flex, Result, Row, Segmented, Skeleton, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { SECRECY_LABELS } from '../../../../server/modules/items/workflow.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { WriteInstructionModal } from '../../features/instructions/WriteInstructionModal.tsx';
import { useIssue } from '../../features/issues/api.ts';
import { CirculationPanel } from '../../features/issues/IssueCirculation.tsx';
import { IssueFiles } from '../../features/issues/IssueFiles.tsx';
import { IssueForm } from '../../features/issues/IssueForm.tsx';
import { IssueItemsCard } from '../../features/issues/IssueItemsCard.tsx';
import { IssuePreview } from '../../features/issues/IssuePreview.tsx';
import { IssueStatusTag } from '../../features/issues/IssueTags.tsx';
import { IssueText } from '../../features/issues/IssueText.tsx';
import type { IssueAction, IssueDetail, Transition } from '../../features/issues/types.ts';
import { useIssueActions } from '../../features/issues/useIssueActions.tsx';
import { formatDateTime, formatDocDate } from '../../format.ts';
import { useIsMobile } from '../../layout/useIsMobile.ts';

type ButtonSpec = { label: string; icon: ReactNode; primary?: boolean; danger?: boolean };

/** The order the workflow buttons appear in; only those in `actions` are drawn. */
const BUTTONS: [Transition | 'delete', ButtonSpec][] = [
  ['lock', { label: '定版', icon: <LockOutlined />, primary: true }],
  ['sign', { label: '签发', icon: <EditOutlined />, primary: true }],
  ['publish', { label: '发布', icon: <SendOutlined />, primary: true }],
  ['unlock', { label: '解除定版', icon: <UnlockOutlined /> }],
  ['delete', { label: '删除草稿', icon: <DeleteOutlined />, danger: true }],
];

/** What the issue is at now, in one line under its title. */
function StatusLine({ issue }: { issue: IssueDetail }) {
  const parts: string[] = [issue.officeName];
  if (issue.responsibleEditorName) parts.push(`责任编辑 ${issue.responsibleEditorName}`);
  if (issue.status === 'draft' || issue.status === 'locked')
    parts.push(`签发领导 ${issue.signerName ?? '任一主编/签发领导'}`);
  if (issue.signedAt && issue.signedByName)
    parts.push(`${issue.signedByName} 签发于 ${formatDateTime(issue.signedAt)}`);
  if (issue.issueDate) parts.push(`刊期 ${formatDocDate(issue.issueDate)}`);
  if (issue.publishedAt) parts.push(`发布于 ${formatDateTime(issue.publishedAt)}`);
  return <Typography.Text type="secondary">{parts.join(' · ')}</Typography.Text>;
}

function ActionBar({ issue, onReload }: { issue: IssueDetail; onReload: () => void }) {
  const { start, dialogs, busy } = useIssueActions(issue, onReload);
  const buttons = BUTTONS.filter(([a]) => issue.actions.includes(a as IssueAction));
  if (buttons.length === 0) return null;
  return (
    <>
      <Flex gap={8} wrap>
        {buttons.map(([action, spec]) => (
          <Button
            key={action}
            icon={spec.icon}
            type={spec.primary ? 'primary' : 'default'}
            danger={spec.danger}
            disabled={busy}
            onClick={() => start(action)}
          >
            {spec.label}
          </Button>
        ))}
      </Flex>
      {dialogs}
    </>
  );
}

/** Why the composer is read-only now, and who moves it on. */
function StageNotice({ issue }: { issue: IssueDetail }) {
  if (issue.status === 'draft') return null;
  const text: Record<Exclude<IssueDetail['status'], 'draft'>, string> = {
    locked: `已定版，等待${issue.signerName ?? '主编/签发领导'}签发。如需修改，请主编/签发领导解除定版。`,
    signed: '已签发，可以发布。如需修改，请主编/签发领导解除定版（将撤销签发）。',
    published: '已发布：信息已登记采用，定稿文档已归档。',
  };
  return (
    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
      <CheckOutlined /> {text[issue.status]}
    </Typography.Paragraph>
  );
}

type FullTextView = 'text' | 'layout';

/**
 * A leader's view of a circulated issue: the titles and the full text, nothing to edit. The text
 * comes reflowed (文字版, the default on a phone) or as the printed A4 pages (版式预览).
 */
function ReaderView({ issue }: { issue: IssueDetail }) {
  const isMobile = useIsMobile();
  const [chosen, setView] = useState<FullTextView | null>(null);
  const view = chosen ?? (isMobile ? 'text' : 'layout');
  const leader = useMe().user.roles.includes('leader');
  const [writing, setWriting] = useState(false);
  return (
    <Flex vertical gap={16}>
      {leader && (
        <div>
          <Button danger icon={<HighlightOutlined />} onClick={() => setWriting(true)}>
            写批示
          </Button>
          <WriteInstructionModal
            open={writing}
            subject={{ issueId: issue.id, title: `《${issue.publicationName}》${issue.label}` }}
            onClose={() => setWriting(false)}
          />
        </div>
      )}
      <Card size="small" title={`本期信息（${issue.items.length} 条）`}>
        <ol style={{ margin: 0, paddingInlineStart: 22 }}>
          {issue.items.map((i) => (
            <li key={i.itemId} style={{ marginBottom: 4 }}>
              <Link to={`/items/${i.itemId}`}>{i.title}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                {i.unitName}
              </Typography.Text>
            </li>
          ))}
        </ol>
      </Card>
      <Card
        size="small"
        title="全文"
        extra={
          <Segmented<FullTextView>
            value={view}
            onChange={setView}
            options={[
              { value: 'text', label: '文字版' },
              { value: 'layout', label: '版式预览' },
            ]}
          />
        }
      >
        {view === 'text' ? <IssueText issue={issue} /> : <IssuePreview issue={issue} height="80vh" />}
      </Card>
    </Flex>
  );
}

const STAFF_ACTIONS: IssueAction[] = ['edit', 'lock', 'unlock', 'publish', 'generate', 'circulate', 'delete'];

function IssueView({ issue, onReload }: { issue: IssueDetail; onReload: () => void }) {
  const [params, setParams] = useSearchParams();
  const staff = issue.actions.some((a) => STAFF_ACTIONS.includes(a));
  const tabs = [
    {
      key: 'compose',
      label: '本期信息',
      children: (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <IssueItemsCard issue={issue} onReload={onReload} />
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title="刊物信息">
              <IssueForm issue={issue} onConflict={onReload} />
            </Card>
          </Col>
        </Row>
      ),
    },
    { key: 'preview', label: '预览', children: <IssuePreview issue={issue} /> },
    {
      key: 'files',
      label: `文档与归档${issue.files.length ? `（${issue.files.length}）` : ''}`,
      children: <IssueFiles issue={issue} />,
    },
  ];
  if (issue.status === 'published')
    tabs.push({
      key: 'circulation',
      label: `传阅${issue.circulation.length ? `（${issue.circulation.length}）` : ''}`,
      children: (
        <CirculationPanel
          subject={{ issueId: issue.id }}
          officeId={issue.officeId}
          entries={issue.circulation}
          mayCirculate={issue.actions.includes('circulate')}
          onDone={onReload}
        />
      ),
    });
  const tab = tabs.some((t) => t.key === params.get('tab')) ? (params.get('tab') as string) : 'compose';
  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 4 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            《{issue.publicationName}》{issue.label}
          </Typography.Title>
          <IssueStatusTag status={issue.status} />
          {issue.secrecy !== 'public' && <Tag color="magenta">{SECRECY_LABELS[issue.secrecy]}</Tag>}
        </Flex>
        {issue.title && <Typography.Text style={{ display: 'block' }}>{issue.title}</Typography.Text>}
        <StatusLine issue={issue} />
        <div style={{ marginTop: 12 }}>
          <ActionBar issue={issue} onReload={onReload} />
        </div>
        {staff && (
          <div style={{ marginTop: 8 }}>
            <StageNotice issue={issue} />
          </div>
        )}
      </div>
      {staff ? (
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              const next = new URLSearchParams(params);
              if (k === 'compose') next.delete('tab');
              else next.set('tab', k);
              setParams(next, { replace: true });
            }}
            items={tabs}
          />
        </Card>
      ) : (
        <ReaderView issue={issue} />
      )}
    </Flex>
  );
}

/**
 * 刊物期次 (/issues/:id): the composer for office staff (items in order, 编者按 and the footer,
 * preview, documents, 传阅) and a reading view for a leader it was circulated to. The buttons
 * follow the server's actions.
 */
export function IssuePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useIssue(id);
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/issues');
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Result
          status="404"
          title="刊物期次不存在或您无权查看"
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
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={goBack}
        style={{ padding: 0, marginBottom: 8 }}
      >
        返回
      </Button>
      <IssueView issue={query.data} onReload={() => void query.refetch()} />
    </>
  );
}
