import { Card, Col, List, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '../../auth/types.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { Countdown } from '../items/Countdown.tsx';
import { PriorityTag } from '../items/ItemTags.tsx';
import {
  INBOX_SAMPLE,
  useCommissionTodos,
  useInboxTodos,
  useInstructionTodos,
  useIssueTodos,
  useMineTodos,
  useSignoffTodos,
  useUnreadCirculations,
} from './api.ts';
import { TodoCard } from './TodoCard.tsx';

const WARN = '#d4380d';
const ALERT = '#cf1322';

const cell = (node: ReactNode, key: string) => (
  <Col key={key} xs={12} sm={8} lg={6} xl={4}>
    {node}
  </Col>
);

/**
 * 待办: what waits for the caller, by role, each figure a link to the filtered list that resolves
 * it. Only the queues the caller's roles may read are asked for (the server refuses the others).
 */
export function TodoSection({ roles }: { roles: readonly Role[] }) {
  const has = (...r: Role[]) => r.some((x) => roles.includes(x));
  const isReporter = has('reporter');
  const isSigner = has('unit_signer');
  const isEditor = has('editor', 'chief_editor');
  const isChief = has('chief_editor');
  const isLeader = has('leader');

  const mine = useMineTodos(isReporter);
  const signoff = useSignoffTodos(isSigner);
  const inbox = useInboxTodos(isEditor);
  const toSign = useIssueTodos('locked', isChief);
  const toPublish = useIssueTodos('signed', isEditor);
  const unread = useUnreadCirculations(isLeader);
  const isUnit = isReporter || isSigner;
  const instructionTodos = useInstructionTodos(isEditor ? 'office' : isUnit ? 'unit' : null);
  const commissionTodos = useCommissionTodos(isUnit && !isEditor);

  if (!isReporter && !isSigner && !isEditor && !isLeader) return null;

  const cells: ReactNode[] = [];
  if (isReporter) {
    cells.push(
      cell(
        <TodoCard
          label="被退回待修改"
          count={mine.data?.returned}
          color={WARN}
          to="/items/mine?status=returned"
          loading={mine.isPending}
        />,
        'returned',
      ),
      cell(
        <TodoCard
          label="草稿"
          count={mine.data?.draft}
          to="/items/mine?status=draft"
          loading={mine.isPending}
        />,
        'draft',
      ),
    );
  }
  if (isSigner) {
    cells.push(
      cell(
        <TodoCard
          label="待签发"
          count={signoff.data}
          color={WARN}
          to="/items/signoff"
          loading={signoff.isPending}
        />,
        'signoff',
      ),
    );
  }
  if (isUnit && !isEditor) {
    cells.push(
      cell(
        <TodoCard
          label="约稿待报送"
          count={commissionTodos.data}
          color={WARN}
          to="/commissions"
          loading={commissionTodos.isPending}
        />,
        'commissions',
      ),
      cell(
        <TodoCard
          label="批示待反馈"
          count={instructionTodos.data?.toReport}
          color={ALERT}
          to="/instructions?status=assigned"
          loading={instructionTodos.isPending}
        />,
        'instructions-report',
      ),
    );
  }
  if (isEditor) {
    const d = inbox.data;
    cells.push(
      cell(
        <TodoCard label="待处理" count={d?.submitted} to="/inbox" loading={inbox.isPending} />,
        'submitted',
      ),
      cell(
        <TodoCard
          label="紧急/送阅件"
          count={d?.fastTrack}
          color={ALERT}
          to="/inbox"
          loading={inbox.isPending}
        />,
        'fast',
      ),
      cell(
        <TodoCard label="已超时" count={d?.overdue} color={ALERT} to="/inbox" loading={inbox.isPending} />,
        'overdue',
      ),
    );
  }

  if (isChief) {
    cells.push(
      cell(
        <TodoCard
          label="刊物待签发"
          count={toSign.data}
          color={WARN}
          to="/issues?status=locked"
          loading={toSign.isPending}
        />,
        'issues-locked',
      ),
    );
  }
  if (isEditor) {
    cells.push(
      cell(
        <TodoCard
          label="刊物待发布"
          count={toPublish.data}
          color={WARN}
          to="/issues?status=signed"
          loading={toPublish.isPending}
        />,
        'issues-signed',
      ),
    );
  }
  if (isEditor) {
    cells.push(
      cell(
        <TodoCard
          label="批示待交办"
          count={instructionTodos.data?.toAssign}
          color={WARN}
          to="/instructions?status=recorded"
          loading={instructionTodos.isPending}
        />,
        'instructions-assign',
      ),
      cell(
        <TodoCard
          label="批示反馈逾期"
          count={instructionTodos.data?.overdue}
          color={ALERT}
          to="/instructions?overdue=true"
          loading={instructionTodos.isPending}
        />,
        'instructions-overdue',
      ),
    );
  }
  if (isLeader) {
    cells.push(
      cell(
        <TodoCard
          label="未读传阅件"
          count={unread.data}
          color={ALERT}
          to="/reading?unread=true"
          loading={unread.isPending}
        />,
        'reading',
      ),
    );
  }

  const queries = [mine, signoff, inbox, toSign, toPublish, unread, instructionTodos, commissionTodos];
  const error = queries.find((q) => q.isError)?.error ?? null;
  const refetch = () => {
    for (const q of queries) if (q.isError) void q.refetch();
  };
  const sampled = (inbox.data?.submitted ?? 0) > INBOX_SAMPLE;

  return (
    <Card title="待办">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {error && <QueryError error={error} onRetry={refetch} />}
        <Row gutter={[12, 12]}>{cells}</Row>
        {isEditor && sampled && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            紧急/送阅件与已超时按收稿箱排在前面的 {INBOX_SAMPLE} 条统计。
          </Typography.Text>
        )}
        {isEditor && inbox.data && inbox.data.mostUrgent.length > 0 && (
          <div>
            <Typography.Text strong>最紧迫</Typography.Text>
            <List
              size="small"
              dataSource={inbox.data.mostUrgent}
              renderItem={(item) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <div
                    style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', width: '100%' }}
                  >
                    <Link to={`/items/${item.id}`} style={{ flex: '1 1 240px', minWidth: 0 }}>
                      {item.title}
                    </Link>
                    <Space size={6} wrap>
                      {item.priority !== 'normal' && <PriorityTag priority={item.priority} />}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.submittingUnit.name}
                      </Typography.Text>
                      {item.deadlineAt && <Countdown deadlineAt={item.deadlineAt} />}
                    </Space>
                  </div>
                </List.Item>
              )}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
