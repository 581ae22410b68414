import { Tag } from 'antd';
import {
  PRIORITY_LABELS,
  SECRECY_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from '../../../../server/modules/items/workflow.ts';
import type { ItemPriority, ItemStatus, SecrecyLevel } from './types.ts';

/** The status in the colour it has everywhere (docs/screens.md). */
export function ItemStatusTag({ status, label }: { status: ItemStatus; label?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label ?? STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

/** A red 急 for urgent items, a volcano 送阅件 for items for the leaders' direct reading; nothing otherwise. */
export function PriorityTag({ priority }: { priority: ItemPriority }) {
  if (priority === 'urgent')
    return (
      <Tag color="red" style={{ marginInlineEnd: 4 }} title="紧急信息">
        急
      </Tag>
    );
  if (priority === 'for_reading')
    return (
      <Tag color="volcano" style={{ marginInlineEnd: 4 }}>
        {PRIORITY_LABELS.for_reading}
      </Tag>
    );
  return null;
}

/** Marks classified items; 普通 needs no mark. */
export function SecrecyTag({ secrecy }: { secrecy: SecrecyLevel }) {
  if (secrecy === 'public') return null;
  return (
    <Tag color="magenta" style={{ marginInlineEnd: 4 }}>
      {SECRECY_LABELS[secrecy]}
    </Tag>
  );
}
