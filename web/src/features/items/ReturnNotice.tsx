import { Alert } from 'antd';
import { formatDateTime } from '../../format.ts';
import type { ItemDetail, TimelineEvent } from './types.ts';

/** The event that put the item into its current state, when that was a return with a reason. */
export function returnEvent(item: ItemDetail): TimelineEvent | null {
  if (item.status !== 'returned' && item.status !== 'draft') return null;
  const own = item.timeline.filter((e) => !e.officeName && e.toStatus);
  const last = [...own].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  if (!last || last.toStatus !== item.status || !last.reason) return null;
  return last;
}

/** 退回原因, prominently: what the editor or the unit's signer asked to change. */
export function ReturnNotice({ item }: { item: ItemDetail }) {
  const event = returnEvent(item);
  if (!event) return null;
  const who = [event.actorUnitName, event.actorName].filter(Boolean).join(' ');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={item.status === 'returned' ? '此信息被退回修改' : '签发人退回修改'}
      description={
        <div>
          <div style={{ fontSize: 15, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            退回原因：{event.reason}
          </div>
          <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }}>
            {who}　{formatDateTime(event.at)}
          </div>
        </div>
      }
    />
  );
}
