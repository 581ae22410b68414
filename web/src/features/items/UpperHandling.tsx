import { Flex, Typography } from 'antd';
import { ItemStatusTag } from './ItemTags.tsx';
import type { ItemSummary } from './types.ts';

/**
 * 上级处理: where the item was forwarded and how that office handled it, and upper adoptions. In a
 * narrow cell the status tag wraps under the office, and an office name too long for the line
 * ends in an ellipsis with the full name on hover.
 */
export function UpperHandling({ item }: { item: Pick<ItemSummary, 'forwardedTo' | 'adoptionCount'> }) {
  if (!item.forwardedTo && item.adoptionCount === 0)
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      {item.forwardedTo && (
        <Flex wrap align="center" gap={4} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            转报
          </Typography.Text>
          <Typography.Text
            ellipsis={{ tooltip: item.forwardedTo.officeName }}
            style={{ minWidth: 0, maxWidth: '100%' }}
          >
            {item.forwardedTo.officeName}
          </Typography.Text>
          <ItemStatusTag status={item.forwardedTo.status} />
        </Flex>
      )}
      {item.adoptionCount > 0 && (
        <Typography.Text type="success">上级采用 {item.adoptionCount} 次</Typography.Text>
      )}
    </Flex>
  );
}
