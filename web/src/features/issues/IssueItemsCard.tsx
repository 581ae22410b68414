import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import { useSetIssueItems } from './api.ts';
import { CandidatesDrawer } from './CandidatesDrawer.tsx';
import { SortableItems } from './SortableItems.tsx';
import type { Candidate, IssueDetail, IssueItem } from './types.ts';

type Props = { issue: IssueDetail; onReload: () => void };

/**
 * 本期信息: the items in print order. Each change (drag, 上移/下移, 上网站, 移出, 添加) saves the
 * whole list with the issue's version at once; the screen shows the new order while it saves and
 * goes back to the saved one if the server refuses.
 */
export function IssueItemsCard({ issue, onReload }: Props) {
  const { message } = App.useApp();
  const save = useSetIssueItems();
  const [order, setOrder] = useState<IssueItem[]>(issue.items);
  const [adding, setAdding] = useState(false);
  const editable = issue.actions.includes('edit');

  useEffect(() => setOrder(issue.items), [issue.items]);

  const put = async (next: { itemId: string; forPortal: boolean }[]) => {
    try {
      await save.mutateAsync({
        id: issue.id,
        version: issue.version,
        items: next.map(({ itemId, forPortal }) => ({ itemId, forPortal })),
      });
    } catch (e) {
      setOrder(issue.items);
      if (e instanceof ApiError && e.status === 409 && e.message.includes('修改')) {
        message.warning(e.message);
        onReload();
      } else message.error(errorMessage(e));
      throw e;
    }
  };

  const change = (next: IssueItem[]) => {
    const removed = order.find((i) => !next.some((n) => n.itemId === i.itemId));
    setOrder(next);
    put(next).then(
      () => {
        if (removed) message.success(`已移出“${removed.title}”，该信息回到拟采用`);
      },
      () => {},
    );
  };

  const add = async (chosen: Candidate[]) => {
    await put([...order, ...chosen.map((c) => ({ itemId: c.itemId, forPortal: false }))]);
    message.success(`已添加 ${chosen.length} 条信息`);
  };

  return (
    <Card
      size="small"
      title={
        <span>
          本期信息
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
            共 {order.length} 条
          </Typography.Text>
        </span>
      }
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加信息
          </Button>
        )
      }
    >
      {order.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={editable ? '本期还没有信息。点击“添加信息”，从拟采用的信息中选稿。' : '本期没有信息'}
        />
      ) : (
        <Flex vertical gap={8}>
          {editable && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              拖动左侧把手或用上移/下移调整顺序，改动即时保存；点标题可修改信息正文（修改留有版本记录）。
            </Typography.Text>
          )}
          <SortableItems items={order} editable={editable} busy={save.isPending} onChange={change} />
        </Flex>
      )}
      {editable && (
        <CandidatesDrawer issue={issue} open={adding} onClose={() => setAdding(false)} onAdd={add} />
      )}
    </Card>
  );
}
