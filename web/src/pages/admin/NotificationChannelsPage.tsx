import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  type Channel,
  type ChannelsConfig,
  type ChannelsView,
  type Delivery,
  type DeliveryFilters,
  NOTIFICATION_PAGE_SIZE,
  REDACTED,
  type TestResult,
  useChannels,
  useDeliveries,
  useRetryDelivery,
  useSaveChannels,
  useTestChannel,
} from '../../features/notifications/api.ts';
import { CHANNEL_LABELS, DELIVERY_STATUS } from '../../features/notifications/kinds.ts';
import { formatDateTime } from '../../format.ts';

type SmsForm = {
  enabled: boolean;
  url: string;
  bodyTemplate: string;
  /** One `名称: 值` a line. */
  headers: string;
  signName: string;
  templateCode: string;
  successField: string;
  successValue: string;
};
type EmailForm = {
  enabled: boolean;
  host: string;
  port: number | null;
  secure: boolean;
  user: string;
  password: string;
  from: string;
};
type RobotForm = { enabled: boolean; webhookUrl: string; secret: string };
type FormValues = {
  sms: SmsForm;
  email: EmailForm;
  wecom: RobotForm;
  dingtalk: RobotForm;
  robotKinds: string[];
};

const SMS_TEMPLATE_EXAMPLE =
  '{"PhoneNumbers":"{{phone}}","SignName":"{{sign}}","TemplateCode":"{{templateCode}}","TemplateParam":"{\\"content\\":\\"{{content}}\\"}"}';

/** The form's values from what the server shows (secrets already ******). */
function toForm(view: ChannelsView): FormValues {
  const { sms, email, wecom, dingtalk } = view.config;
  const robot = (r: ChannelsConfig['wecom']): RobotForm => ({
    enabled: r?.enabled ?? false,
    webhookUrl: r?.webhookUrl ?? '',
    secret: r?.secret ?? '',
  });
  return {
    sms: {
      enabled: sms?.enabled ?? false,
      url: sms?.url ?? '',
      bodyTemplate: sms?.bodyTemplate ?? '',
      headers: Object.entries(sms?.headers ?? {})
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n'),
      signName: sms?.signName ?? '',
      templateCode: sms?.templateCode ?? '',
      successField: sms?.successField ?? '',
      successValue: sms?.successValue ?? '',
    },
    email: {
      enabled: email?.enabled ?? false,
      host: email?.host ?? '',
      port: email?.port ?? 465,
      secure: email?.secure ?? true,
      user: email?.user ?? '',
      password: email?.password ?? '',
      from: email?.from ?? '',
    },
    wecom: robot(wecom),
    dingtalk: robot(dingtalk),
    robotKinds: view.robotKinds,
  };
}

/** `名称: 值` lines as a header map; lines without a name are reported by the form rule. */
function parseHeaders(text: string): Record<string, string> | undefined {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()] as const;
    });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

const blank = (...values: (string | undefined)[]) => values.every((v) => !v?.trim());
const optional = (v: string) => (v.trim() ? v.trim() : undefined);

/**
 * What PUT /api/notification-channels takes. A channel left off and never filled in is not sent
 * at all (the server would ask for its fields); unchanged secrets go back as ******, which keeps them.
 */
function toConfig(v: FormValues): ChannelsConfig {
  const config: ChannelsConfig = {};
  const { sms, email, wecom, dingtalk } = v;
  if (sms.enabled || !blank(sms.url, sms.bodyTemplate, sms.headers, sms.signName, sms.templateCode)) {
    config.sms = {
      enabled: sms.enabled,
      url: sms.url.trim(),
      bodyTemplate: sms.bodyTemplate.trim(),
      headers: parseHeaders(sms.headers),
      signName: sms.signName.trim(),
      templateCode: sms.templateCode.trim(),
      successField: optional(sms.successField),
      successValue: optional(sms.successValue),
    };
  }
  if (email.enabled || !blank(email.host, email.user, email.password, email.from)) {
    config.email = {
      enabled: email.enabled,
      host: email.host.trim(),
      port: email.port ?? 0,
      secure: email.secure,
      user: optional(email.user),
      password: email.password || undefined,
      from: email.from.trim(),
    };
  }
  if (wecom.enabled || !blank(wecom.webhookUrl)) {
    config.wecom = { enabled: wecom.enabled, webhookUrl: wecom.webhookUrl.trim() };
  }
  if (dingtalk.enabled || !blank(dingtalk.webhookUrl, dingtalk.secret)) {
    config.dingtalk = {
      enabled: dingtalk.enabled,
      webhookUrl: dingtalk.webhookUrl.trim(),
      secret: dingtalk.secret.trim() || undefined,
    };
  }
  return config;
}

/** Required only while the channel is switched on: an unused channel may stay empty. */
const requiredWhenOn =
  (section: Channel, what: string): Rule =>
  ({ getFieldValue }) => ({
    validator: (_, value: unknown) =>
      getFieldValue([section, 'enabled']) && (value === null || value === undefined || value === '')
        ? Promise.reject(new Error(`启用时必须填写${what}`))
        : Promise.resolve(),
  });

const headersRule: Rule = {
  validator: (_, value: string | undefined) => {
    const bad = (value ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .find((l) => l.indexOf(':') < 1);
    return bad
      ? Promise.reject(new Error(`请求头应写成“名称: 值”，每行一个（“${bad.slice(0, 20)}”不符合）`))
      : Promise.resolve();
  },
};

/**
 * A password or secret: a stored one shows as ****** in the placeholder and goes back as ******
 * (the server then keeps it) until something new is typed or it is cleared on purpose.
 */
function SecretInput({
  value,
  onChange,
  stored,
  label,
}: {
  value?: string;
  onChange?: (v: string) => void;
  /** Whether the server holds a value for it now. */
  stored: boolean;
  label: string;
}) {
  const [cleared, setCleared] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh answer of the server starts over
  useEffect(() => setCleared(false), [stored]);
  const keeping = stored && !cleared;
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        aria-label={label}
        value={value === REDACTED ? '' : value}
        placeholder={keeping ? REDACTED : cleared ? '将清除已保存的值' : '未设置'}
        autoComplete="new-password"
        visibilityToggle={value !== REDACTED}
        onChange={(e) => onChange?.(e.target.value === '' && keeping ? REDACTED : e.target.value)}
      />
      {stored &&
        (cleared ? (
          <Button
            onClick={() => {
              setCleared(false);
              onChange?.(REDACTED);
            }}
          >
            撤销清除
          </Button>
        ) : (
          <Button
            onClick={() => {
              setCleared(true);
              onChange?.('');
            }}
          >
            清除
          </Button>
        ))}
    </Space.Compact>
  );
}

/** A channel's card: title, the 启用 switch, its fields, and 发送测试 with the answer. */
function ChannelCard({
  section,
  title,
  description,
  children,
  onTest,
  result,
  testing,
}: {
  section: Channel;
  title: string;
  description: string;
  children: ReactNode;
  onTest: () => void;
  result?: TestResult;
  testing: boolean;
}) {
  return (
    <Card
      title={title}
      size="small"
      style={{ height: '100%' }}
      extra={
        <Flex align="center" gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            启用
          </Typography.Text>
          <Form.Item name={[section, 'enabled']} valuePropName="checked" noStyle>
            <Switch size="small" aria-label={`启用${title}`} />
          </Form.Item>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {description}
      </Typography.Paragraph>
      {children}
      <Flex gap={8} align="center" wrap>
        <Button icon={<SendOutlined />} loading={testing} onClick={onTest}>
          发送测试
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按已保存的设置发送，修改后请先保存
        </Typography.Text>
      </Flex>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={result.ok ? '测试消息已发出' : '测试发送失败'}
          description={<span style={{ wordBreak: 'break-all' }}>{result.detail}</span>}
        />
      )}
    </Card>
  );
}

/** Asks where an SMS or e-mail test goes. */
function TestAddressModal({
  channel,
  onCancel,
  onSend,
}: {
  channel: 'sms' | 'email' | null;
  onCancel: () => void;
  onSend: (address: string) => void;
}) {
  const me = useMe();
  const [form] = Form.useForm<{ address: string }>();
  useEffect(() => {
    if (channel) form.setFieldsValue({ address: channel === 'sms' ? (me.user.phone ?? '') : '' });
  }, [channel, form, me.user.phone]);
  const isSms = channel === 'sms';
  return (
    <Modal
      open={channel !== null}
      title={isSms ? '发送测试短信' : '发送测试邮件'}
      okText="发送"
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onSend(v.address.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="address"
          label={isSms ? '接收手机号' : '接收邮箱'}
          rules={[
            { required: true, whitespace: true, message: isSms ? '请填写手机号' : '请填写邮箱地址' },
            isSms
              ? { pattern: /^\s*1\d{10}\s*$/, message: '请填写 11 位手机号' }
              : { type: 'email', message: '邮箱地址格式不正确' },
          ]}
        >
          <Input maxLength={isSms ? 20 : 200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const CARD_COL = { xs: 24, xl: 12 } as const;

/**
 * 消息通道 (/admin/notifications), the system administrator's: how the office's messages leave
 * the system — SMS gateway, SMTP server, WeCom and DingTalk group robots — each switched on, tried
 * with a test message, and which kinds the robots post; below, the log of every delivery with
 * 重新发送 for the failed ones.
 */
export function NotificationChannelsPage() {
  const { message } = App.useApp();
  // Empty: the caller's first office (the server picks it); set when they work for several.
  const [officeId, setOfficeId] = useState('');
  const query = useChannels(officeId);
  const view = query.data;
  const save = useSaveChannels(officeId);
  const test = useTestChannel();
  const [form] = Form.useForm<FormValues>();
  const [saveError, setSaveError] = useState<string | null>(null);
  const [results, setResults] = useState<Partial<Record<Channel, TestResult>>>({});
  const [testing, setTesting] = useState<Channel | null>(null);
  const [asking, setAsking] = useState<'sms' | 'email' | null>(null);

  useEffect(() => {
    if (view) form.setFieldsValue(toForm(view));
    setSaveError(null);
  }, [view, form]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another office's answers are not this one's
  useEffect(() => setResults({}), [view?.office.id]);

  const onSave = (values: FormValues) => {
    if (!view) return;
    setSaveError(null);
    save.mutate(
      {
        officeId: view.office.id,
        config: toConfig(values),
        robotKinds: values.robotKinds ?? [],
        version: view.version,
      },
      {
        onSuccess: () => message.success('消息通道已保存'),
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) {
            message.error(`保存失败：${err.message}。已重新载入最新设置，请核对后再保存。`);
            void query.refetch();
          } else {
            setSaveError(err.message);
            message.error('保存失败，请按提示修改');
          }
        },
      },
    );
  };

  const runTest = (channel: Channel, address?: string) => {
    if (!view) return;
    setTesting(channel);
    test.mutate(
      {
        officeId: view.office.id,
        channel,
        phone: channel === 'sms' ? address : undefined,
        email: channel === 'email' ? address : undefined,
      },
      {
        onSuccess: (r) => setResults((prev) => ({ ...prev, [channel]: r })),
        onError: (err) => setResults((prev) => ({ ...prev, [channel]: { ok: false, detail: err.message } })),
        onSettled: () => setTesting(null),
      },
    );
  };
  const onTest = (channel: Channel) => {
    if (channel === 'sms' || channel === 'email') setAsking(channel);
    else runTest(channel);
  };
  const card = (channel: Channel) => ({
    section: channel,
    onTest: () => onTest(channel),
    result: results[channel],
    testing: testing === channel,
  });
  const stored = (v: string | undefined) => v === REDACTED;

  return (
    <>
      <PageHeader
        title="消息通道"
        description="系统消息除在消息中心提醒外，还可通过短信、邮件和群机器人送达。每个办公室各有自己的通道设置，修改记入操作日志；密码和密钥不显示，也不记入日志。"
        extra={
          view &&
          view.offices.length > 1 && (
            <Select
              aria-label="办公室"
              style={{ width: 260, maxWidth: '100%' }}
              value={view.office.id}
              options={view.offices.map((o) => ({ value: o.id, label: o.name }))}
              onChange={setOfficeId}
            />
          )
        }
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {view && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={toForm(view)}
          onFinish={onSave}
          requiredMark={false}
          onValuesChange={() => saveError && setSaveError(null)}
        >
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {view.office.name}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <Col {...CARD_COL}>
              <ChannelCard
                {...card('sms')}
                title="短信网关"
                description="通过短信平台的 HTTP 接口发送，只发送重要事项（退回、紧急信息、约稿、批示交办等），长消息按 70 字分条。"
              >
                <Form.Item
                  name={['sms', 'url']}
                  label="网关地址"
                  rules={[requiredWhenOn('sms', '网关地址')]}
                  extra="地址中的密钥参数显示为 ******，不修改即保留原值。"
                >
                  <Input placeholder="https://sms.example.gov.cn/api/send" />
                </Form.Item>
                <Form.Item
                  name={['sms', 'bodyTemplate']}
                  label="请求体模板（JSON）"
                  rules={[requiredWhenOn('sms', '请求体模板')]}
                  extra="可用占位符 {{phone}} {{sign}} {{templateCode}} {{content}}，须写在双引号内。"
                >
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    placeholder={SMS_TEMPLATE_EXAMPLE}
                    style={{ fontFamily: 'monospace', fontSize: 12 }}
                  />
                </Form.Item>
                <Form.Item
                  name={['sms', 'headers']}
                  label="请求头"
                  rules={[headersRule]}
                  extra="每行一个“名称: 值”；密钥类的值显示为 ******，不修改即保留。"
                >
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    placeholder="Authorization: Bearer …"
                    style={{ fontFamily: 'monospace', fontSize: 12 }}
                  />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={['sms', 'signName']}
                      label="短信签名"
                      rules={[requiredWhenOn('sms', '短信签名')]}
                    >
                      <Input placeholder="如 信报（不带【】）" maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['sms', 'templateCode']} label="模板编号">
                      <Input placeholder="如 SMS_123456789" maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['sms', 'successField']} label="成功标志字段">
                      <Input placeholder="如 code（不填则 2xx 即成功）" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['sms', 'successValue']} label="成功标志值">
                      <Input placeholder="如 OK" />
                    </Form.Item>
                  </Col>
                </Row>
              </ChannelCard>
            </Col>
            <Col {...CARD_COL}>
              <ChannelCard
                {...card('email')}
                title="邮件服务器（SMTP）"
                description="用户的邮件提醒经此服务器发出，包括全部类型的消息。"
              >
                <Row gutter={12}>
                  <Col xs={24} sm={16}>
                    <Form.Item
                      name={['email', 'host']}
                      label="服务器地址"
                      rules={[requiredWhenOn('email', '服务器地址')]}
                    >
                      <Input placeholder="smtp.example.gov.cn" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={['email', 'port']}
                      label="端口"
                      rules={[requiredWhenOn('email', '端口')]}
                    >
                      <InputNumber<number> min={1} max={65535} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name={['email', 'secure']}
                  label="SSL/TLS 加密连接"
                  valuePropName="checked"
                  extra="端口 465 一般开启；端口 25 或 587 关闭（连接后自动升级加密）。"
                >
                  <Switch aria-label="SSL/TLS 加密连接" />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['email', 'user']} label="用户名">
                      <Input autoComplete="off" placeholder="不需要登录时留空" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['email', 'password']} label="密码">
                      <SecretInput label="邮件服务器密码" stored={stored(view.config.email?.password)} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name={['email', 'from']}
                  label="发件人"
                  rules={[requiredWhenOn('email', '发件人')]}
                >
                  <Input placeholder="信报 <xinbao@example.gov.cn>" />
                </Form.Item>
              </ChannelCard>
            </Col>
            <Col {...CARD_COL}>
              <ChannelCard
                {...card('wecom')}
                title="企业微信群机器人"
                description="把下方勾选类型的消息推送到企业微信群（每分钟最多 20 条）。"
              >
                <Form.Item
                  name={['wecom', 'webhookUrl']}
                  label="Webhook 地址"
                  rules={[requiredWhenOn('wecom', 'Webhook 地址')]}
                  extra="在群机器人设置中复制；地址中的 key 显示为 ******，不修改即保留。"
                >
                  <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
                </Form.Item>
              </ChannelCard>
            </Col>
            <Col {...CARD_COL}>
              <ChannelCard
                {...card('dingtalk')}
                title="钉钉群机器人"
                description="把下方勾选类型的消息推送到钉钉群（每分钟最多 20 条）；安全设置选“加签”时填写密钥。"
              >
                <Form.Item
                  name={['dingtalk', 'webhookUrl']}
                  label="Webhook 地址"
                  rules={[requiredWhenOn('dingtalk', 'Webhook 地址')]}
                  extra="地址中的 access_token 显示为 ******，不修改即保留。"
                >
                  <Input placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
                </Form.Item>
                <Form.Item name={['dingtalk', 'secret']} label="加签密钥">
                  <SecretInput label="加签密钥" stored={stored(view.config.dingtalk?.secret)} />
                </Form.Item>
              </ChannelCard>
            </Col>
            <Col span={24}>
              <Card title="群机器人推送的消息类型" size="small">
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  勾选的类型推送到已启用的企业微信群和钉钉群；标“重要”的类型同时发短信给本人。
                </Typography.Paragraph>
                <Form.Item name="robotKinds" style={{ marginBottom: 0 }}>
                  <Checkbox.Group style={{ width: '100%' }}>
                    <Row gutter={[8, 8]} style={{ width: '100%' }}>
                      {view.kinds.map((k) => (
                        <Col key={k.code} xs={12} md={8} xl={6}>
                          <Checkbox value={k.code}>
                            {k.label}
                            {k.important && (
                              <Tag color="red" style={{ marginInlineStart: 6, fontSize: 11 }}>
                                重要
                              </Tag>
                            )}
                          </Checkbox>
                        </Col>
                      ))}
                    </Row>
                  </Checkbox.Group>
                </Form.Item>
              </Card>
            </Col>
          </Row>
          {saveError && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 16 }}
              title="保存失败"
              description={<SaveErrorText text={saveError} />}
            />
          )}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Button onClick={() => form.setFieldsValue(toForm(view))} disabled={save.isPending}>
              恢复
            </Button>
          </Space>
        </Form>
      )}
      {view && <DeliveriesCard officeId={view.office.id} />}
      <TestAddressModal
        channel={asking}
        onCancel={() => setAsking(null)}
        onSend={(address) => {
          if (asking) runTest(asking, address);
          setAsking(null);
        }}
      />
    </>
  );
}

/** The server lists every problem after a colon, separated by ；— one a line reads better. */
function SaveErrorText({ text }: { text: string }) {
  const at = text.indexOf('：');
  const problems = at >= 0 ? text.slice(at + 1).split('；') : [];
  if (problems.length < 2) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}：
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </>
  );
}

/** 发送记录: the office's deliveries, newest first, with 重新发送 on the failed ones. */
function DeliveriesCard({ officeId }: { officeId: string }) {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries(officeId, filters, page);
  const retry = useRetryDelivery();
  // biome-ignore lint/correctness/useExhaustiveDependencies: another office starts on page 1
  useEffect(() => setPage(1), [officeId]);

  const filter = (changes: DeliveryFilters) => {
    setFilters((prev) => ({ ...prev, ...changes }));
    setPage(1);
  };

  const columns: ColumnsType<Delivery> = [
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '渠道',
      dataIndex: 'channel',
      width: 80,
      render: (v: string) => CHANNEL_LABELS[v] ?? v,
    },
    {
      title: '接收人',
      key: 'recipient',
      width: 170,
      render: (_, d) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{d.recipientName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {d.address}
          </Typography.Text>
        </div>
      ),
    },
    { title: '消息', dataIndex: 'title', ellipsis: { showTitle: true } },
    {
      title: '状态 / 尝试次数',
      dataIndex: 'status',
      width: 130,
      render: (v: string, d) => {
        const s = DELIVERY_STATUS[v];
        return (
          <div style={{ lineHeight: 1.5 }}>
            <Tag color={s?.color} title={d.sentAt ? `发送于 ${formatDateTime(d.sentAt)}` : undefined}>
              {s?.label ?? v}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              尝试 {d.attempts} 次
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: '错误信息',
      dataIndex: 'lastError',
      width: 220,
      render: (v: string | null) =>
        v ? (
          <Typography.Paragraph
            type="danger"
            style={{ margin: 0, fontSize: 12, wordBreak: 'break-all' }}
            ellipsis={{ rows: 2, tooltip: v }}
          >
            {v}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, d) =>
        d.status === 'failed' ? (
          <Button
            size="small"
            loading={retry.isPending && retry.variables === d.id}
            onClick={() =>
              retry.mutate(d.id, {
                onSuccess: () => message.success('已重新加入发送队列'),
                onError: (err) => message.error(err.message),
              })
            }
          >
            重新发送
          </Button>
        ) : null,
    },
  ];

  return (
    <Card title="发送记录" size="small" style={{ marginTop: 24 }}>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label="发送状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={filters.status}
          options={Object.entries(DELIVERY_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          onChange={(v?: string) => filter({ status: v })}
        />
        <Select
          aria-label="渠道"
          allowClear
          placeholder="全部渠道"
          style={{ width: 140 }}
          value={filters.channel}
          options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v?: string) => filter({ channel: v })}
        />
        <Button
          icon={<ReloadOutlined />}
          loading={deliveries.isFetching}
          onClick={() => void deliveries.refetch()}
        >
          刷新
        </Button>
      </Flex>
      {deliveries.isError && (
        <div style={{ marginBottom: 12 }}>
          <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        </div>
      )}
      <Table<Delivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={deliveries.data?.items ?? []}
        loading={deliveries.isFetching}
        scroll={{ x: 1000 }}
        locale={{
          emptyText:
            filters.status || filters.channel
              ? '没有符合条件的发送记录'
              : '还没有发送记录；启用通道后，消息的短信、邮件和群推送会记在这里',
        }}
        pagination={{
          current: page,
          pageSize: NOTIFICATION_PAGE_SIZE,
          total: deliveries.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 条`,
          onChange: setPage,
        }}
      />
    </Card>
  );
}
