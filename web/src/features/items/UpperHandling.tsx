import { Space, Typography } from 'antd';
import { ItemStatusTag } from './ItemTags.tsx';
import type { ItemSummary } from './types.ts';

/** 上级处理: where the item was forwarded and how that office handled it, and upper adoptions. */
export function UpperHandling({ item }: { item: Pick<ItemSummary, 'forwardedTo' | 'adoptionCount'> }) {
  if (!item.forwardedTo && item.adoptionCount === 0)
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {item.forwardedTo && (
        <span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            转报
          </Typography.Text>{' '}
          {item.forwardedTo.officeName} <ItemStatusTag status={item.forwardedTo.status} />
        </span>
      )}
      {item.adoptionCount > 0 && (
        <Typography.Text type="success">上级采用 {item.adoptionCount} 次</Typography.Text>
      )}
    </Space>
  );
}
