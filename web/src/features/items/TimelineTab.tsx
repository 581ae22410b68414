import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { STATUS_COLORS } from '../../../../server/modules/items/workflow.ts';
import { formatDateTime } from '../../format.ts';
import { ItemStatusTag } from './ItemTags.tsx';
import type { TimelineEvent } from './types.ts';

/** antd Timeline takes colour names; status colours map onto the nearest it knows. */
const DOT: Record<string, string> = {
  default: 'gray',
  gold: '#d4b106',
  blue: 'blue',
  orange: '#fa8c16',
  red: 'red',
  cyan: '#13c2c2',
  purple: '#722ed1',
  green: 'green',
  geekblue: '#2f54eb',
};

/**
 * 时间线: every event of the item with actor, unit, time, status change and reason, oldest
 * first; events of the forwarded copies carry the upper office's name.
 */
export function TimelineTab({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有处理记录" />;
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={sorted.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.toStatus ? DOT[STATUS_COLORS[e.toStatus]] : 'gray',
        content: (
          <div style={{ paddingBottom: 4 }}>
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
              {e.officeName && <Tag color="purple">{e.officeName}</Tag>}
              <Typography.Text strong>{e.actionLabel}</Typography.Text>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                  <ItemStatusTag status={e.fromStatus} />
                  <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
                  <ItemStatusTag status={e.toStatus} />
                </span>
              )}
              {!e.fromStatus && e.toStatus && <ItemStatusTag status={e.toStatus} />}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.actorUnitName, e.actorName].filter(Boolean).join(' ')}　{formatDateTime(e.at)}
            </Typography.Text>
            {e.reason && (
              <div
                style={{
                  marginTop: 6,
                  padding: '6px 10px',
                  background: '#fafafa',
                  borderInlineStart: '3px solid #d9d9d9',
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-word',
                }}
              >
                {e.reason}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
