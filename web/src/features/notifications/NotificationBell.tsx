import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, Popover, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../format.ts';
import {
  type Notification,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useUnreadCount,
} from './api.ts';
import { kindColor } from './kinds.ts';

/** How many of the latest messages the bell's popover lists. */
const LATEST = 8;

/**
 * The bell of the top bar: the unread count (99+) kept live by useLiveUpdates, and on click the
 * latest messages. Opening one marks it read and goes to its page; 查看全部 leads to 消息中心.
 */
export function NotificationBell({ compact }: { compact: boolean }) {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const latest = useNotifications({}, 1, LATEST, open);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = (err: Error) => message.error(err.message);

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError });
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
  };

  const rows = latest.data?.items ?? [];
  const content = (
    <div>
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Text strong>消息</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
        </Typography.Text>
      </Flex>
      <div style={{ maxHeight: 'min(440px, calc(100vh - 160px))', overflowY: 'auto' }}>
        {latest.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : latest.isError ? (
          <Typography.Paragraph type="danger" style={{ padding: 16, margin: 0 }}>
            消息加载失败：{latest.error.message}
          </Typography.Paragraph>
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" style={{ padding: '16px 0' }} />
        ) : (
          <ul aria-label="最新消息" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((n) => (
              <li key={n.id} style={{ borderBottom: '1px solid #f5f5f5' }}>
                <button
                  type="button"
                  onClick={() => openOne(n)}
                  style={{
                    display: 'block',
                    width: '100%',
                    padding: '10px 16px',
                    background: n.readAt ? 'transparent' : '#f0f7ff',
                    border: 'none',
                    textAlign: 'start',
                    cursor: n.link || !n.readAt ? 'pointer' : 'default',
                    font: 'inherit',
                  }}
                >
                  <Flex gap={6} align="flex-start">
                    <Badge status={n.readAt ? 'default' : 'error'} style={{ marginTop: 1 }} />
                    <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                      <Typography.Text
                        strong={!n.readAt}
                        type={n.readAt ? 'secondary' : undefined}
                        style={{ wordBreak: 'break-all' }}
                      >
                        {n.title}
                      </Typography.Text>
                      {n.body && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                          {n.body}
                        </Typography.Text>
                      )}
                      <Flex gap={6} align="center" wrap>
                        <Tag color={kindColor(n.kind)} style={{ marginInlineEnd: 0, fontSize: 11 }}>
                          {n.kindLabel}
                        </Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(n.createdAt)}
                        </Typography.Text>
                      </Flex>
                    </Flex>
                  </Flex>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Flex justify="space-between" align="center" style={{ padding: '6px 8px' }}>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError })}
        >
          全部已读
        </Button>
        <Link to="/notifications" onClick={() => setOpen(false)} style={{ padding: '0 7px', fontSize: 14 }}>
          查看全部
        </Link>
      </Flex>
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      // 'bottom' may slide sideways to stay on a phone's screen; 'bottomRight' only flips.
      placement={compact ? 'bottom' : 'bottomRight'}
      arrow={!compact}
      // On a phone the popover is a sheet across the screen, just under the top bar.
      styles={{
        container: compact
          ? { width: '100vw', padding: 0, borderRadius: '0 0 8px 8px' }
          : { width: 380, padding: 0 },
        content: { padding: 0 },
      }}
    >
      <button
        type="button"
        aria-label={unread > 0 ? `消息（${unread} 条未读）` : '消息'}
        data-unread={unread}
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          height: 40,
          minWidth: 40,
          padding: '0 8px',
          background: 'transparent',
          border: 'none',
          cursor: 'pointer',
          flex: 'none',
        }}
      >
        <Badge count={unread} overflowCount={99} size="small" offset={[2, -2]}>
          <BellOutlined style={{ color: '#fff', fontSize: 19 }} />
        </Badge>
      </button>
    </Popover>
  );
}
