import { Typography } from 'antd';
import { STATUS_LABELS } from '../../../../server/modules/items/workflow.ts';
import type { ItemSummary } from './types.ts';

/** 上级处理: where the item was forwarded and how that office handled it, and upper adoptions. */
export function UpperHandling({ item }: { item: Pick<ItemSummary, 'forwardedTo' | 'adoptionCount'> }) {
  if (!item.forwardedTo && item.adoptionCount === 0)
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      {item.forwardedTo && (
        <span>
          已转报{item.forwardedTo.officeName}
          <Typography.Text type="secondary">（{STATUS_LABELS[item.forwardedTo.status]}）</Typography.Text>
        </span>
      )}
      {item.forwardedTo && item.adoptionCount > 0 && '，'}
      {item.adoptionCount > 0 && (
        <Typography.Text type="success">上级采用 {item.adoptionCount} 次</Typography.Text>
      )}
    </span>
  );
}
