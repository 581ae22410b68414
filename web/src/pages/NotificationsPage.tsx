import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  List,
  Select,
  Skeleton,
  Switch,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import {
  NOTIFICATION_PAGE_SIZE,
  type Notification,
  PREFERENCES_KEY,
  PREFERENCES_URL,
  type Preferences,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useUnreadCount,
} from '../features/notifications/api.ts';
import { KIND_OPTIONS, kindColor } from '../features/notifications/kinds.ts';
import { useVersionedSetting } from '../features/settings/versioned-setting.tsx';
import { formatDateTime } from '../format.ts';

type Tab = 'unread' | 'all';

/**
 * 消息中心 (/notifications): every signed-in user's messages, unread first as a tab, by kind, with
 * 标为已读 one by one or all at once; below, how the user wants to be told outside the system
 * (SMS for what is important, e-mail for everything).
 */
export function NotificationsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'all' ? 'all' : 'unread';
  const kind = params.get('kind') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unread = useUnreadCount().data;
  const list = useNotifications({ unread: tab === 'unread' ? true : undefined, kind }, page);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const onError = (err: Error) => message.error(err.message);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError });
    if (n.link) navigate(n.link);
  };

  const rows = list.data?.items ?? [];
  const emptyText = kind
    ? '没有这一类的消息'
    : tab === 'unread'
      ? '没有新消息，您已处理完所有提醒'
      : '还没有收到过消息';

  return (
    <>
      <PageHeader
        title="消息中心"
        description="信息被退回、采用，约稿、批示等需要您知道或处理的事项都会在这里提醒。"
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'all' ? 'all' : '' })}
          items={[
            { key: 'unread', label: `未读${unread !== undefined ? ` ${unread}` : ''}` },
            { key: 'all', label: '全部' },
          ]}
          tabBarExtraContent={
            <Button
              size="small"
              icon={<CheckOutlined />}
              disabled={!unread}
              loading={markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, { onSuccess: () => message.success('已全部标为已读'), onError })
              }
            >
              全部标为已读
            </Button>
          }
          style={{ marginBottom: 0 }}
        />
        <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
          <Select
            aria-label="消息类型"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部类型"
            style={{ width: 220, maxWidth: '100%' }}
            value={kind || undefined}
            options={KIND_OPTIONS}
            onChange={(v?: string) => update({ kind: v ?? '' })}
          />
          <Button icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void list.refetch()}>
            刷新
          </Button>
        </Flex>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        <List<Notification>
          loading={list.isPending || list.isPlaceholderData}
          dataSource={rows}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />,
          }}
          pagination={
            (list.data?.total ?? 0) > NOTIFICATION_PAGE_SIZE && {
              current: page,
              pageSize: NOTIFICATION_PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => `共 ${total} 条`,
              onChange: (p) => update({ page: p > 1 ? String(p) : '' }),
              size: 'small',
            }
          }
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 4 }}>
              <Flex gap={8} align="flex-start" style={{ width: '100%', minWidth: 0 }}>
                <Badge status={n.readAt ? 'default' : 'error'} style={{ marginTop: 2 }} />
                <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={6} align="flex-start" wrap>
                    <Tag color={kindColor(n.kind)} style={{ marginInlineEnd: 0, flex: 'none' }}>
                      {n.kindLabel}
                    </Tag>
                    {n.link ? (
                      <Typography.Link
                        strong={!n.readAt}
                        onClick={() => open(n)}
                        style={{ minWidth: 0, wordBreak: 'break-all' }}
                      >
                        {n.title}
                      </Typography.Link>
                    ) : (
                      <Typography.Text strong={!n.readAt} style={{ minWidth: 0, wordBreak: 'break-all' }}>
                        {n.title}
                      </Typography.Text>
                    )}
                  </Flex>
                  {n.body && (
                    <Typography.Paragraph
                      style={{ margin: 0, fontSize: 13, whiteSpace: 'pre-wrap' }}
                      ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (e) => (e ? '收起' : '展开') }}
                    >
                      {n.body}
                    </Typography.Paragraph>
                  )}
                  <Flex gap={12} align="center" wrap>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                    {n.readAt ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        已读
                      </Typography.Text>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0, height: 'auto', fontSize: 12 }}
                        onClick={() => markRead.mutate(n.id, { onError })}
                      >
                        标为已读
                      </Button>
                    )}
                  </Flex>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <PreferencesCard />
    </>
  );
}

type PreferenceValues = { sms: boolean; email: boolean };

/**
 * A channel's switch: off and locked while the account has no address for it (nothing could be
 * sent), the stored choice kept for when the address is registered.
 */
function ChannelSwitch({
  checked,
  onChange,
  hasAddress,
  label,
}: {
  checked?: boolean;
  onChange?: (v: boolean) => void;
  hasAddress: boolean;
  label: string;
}) {
  return (
    <Switch
      aria-label={label}
      checked={hasAddress && !!checked}
      disabled={!hasAddress}
      onChange={(v) => onChange?.(v)}
    />
  );
}

/** 接收设置: SMS for important matters and e-mail for all, each only where the account has the address. */
function PreferencesCard() {
  const { query, current, form, saving, save } = useVersionedSetting<PreferenceValues, Preferences>({
    queryKey: PREFERENCES_KEY,
    url: PREFERENCES_URL,
    savedMessage: '接收设置已保存',
  });

  return (
    <Card title="接收设置" size="small">
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {current && (
        <Form<PreferenceValues>
          form={form}
          layout="vertical"
          initialValues={current}
          onFinish={save}
          requiredMark={false}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            系统内的消息总会送到消息中心；以下设置决定是否同时通过短信、邮件提醒您。
          </Typography.Paragraph>
          <Form.Item
            name="sms"
            label="短信提醒：仅重要事项"
            valuePropName="checked"
            extra={
              current.phone
                ? `发送到 ${current.phone}。信息被退回、紧急信息、约稿和批示交办等需要及时处理的事项。`
                : '未登记手机号，请联系系统管理员'
            }
          >
            <ChannelSwitch hasAddress={!!current.phone} label="短信提醒" />
          </Form.Item>
          <Form.Item
            name="email"
            label="邮件提醒"
            valuePropName="checked"
            extra={
              current.emailAddress
                ? `发送到 ${current.emailAddress}，包括全部类型的消息。`
                : '未登记电子邮箱，请联系系统管理员'
            }
          >
            <ChannelSwitch hasAddress={!!current.emailAddress} label="邮件提醒" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form>
      )}
    </Card>
  );
}
