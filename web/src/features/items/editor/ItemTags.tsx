import { Tag } from 'antd';
import {
  PRIORITY_LABELS,
  SECRECY_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from '../../../../../server/modules/items/workflow.ts';
import type { ItemPriority, ItemStatus, SecrecyLevel } from '../types.ts';

/** The item's state, in the colour it has everywhere. */
export function ItemStatusTag({ status }: { status: ItemStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
}

/** 急 for urgent items, 送阅件 for those going to the leaders, 秘密/机密 when marked; nothing for routine ones. */
export function PriorityTags({ priority, secrecy }: { priority: ItemPriority; secrecy?: SecrecyLevel }) {
  return (
    <>
      {priority === 'urgent' && (
        <Tag color="red" title={PRIORITY_LABELS.urgent} style={{ fontWeight: 600 }}>
          急
        </Tag>
      )}
      {priority === 'for_reading' && <Tag color="volcano">{PRIORITY_LABELS.for_reading}</Tag>}
      {secrecy && secrecy !== 'public' && <Tag color="magenta">{SECRECY_LABELS[secrecy]}</Tag>}
    </>
  );
}
