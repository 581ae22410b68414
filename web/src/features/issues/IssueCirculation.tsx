import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format.ts';
import { useCirculate, useCirculationRecipients } from '../circulation/api.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import type { CirculationEntry } from './types.ts';

type Values = { recipientIds: string[]; note?: string };

/** The recipients of a 传阅 and when each read it; 未读 in red. */
export function CirculationTable({ entries }: { entries: CirculationEntry[] }) {
  return (
    <Table<CirculationEntry>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={entries}
      scroll={{ x: 640 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有传阅给领导" /> }}
      columns={[
        { title: '领导', dataIndex: 'recipientName', width: 110 },
        {
          title: '阅读',
          dataIndex: 'readAt',
          width: 200,
          render: (v: string | null) =>
            v ? (
              <span>
                <Tag color="green">已读</Tag>
                {formatDateTime(v)}
              </span>
            ) : (
              <Tag color="red">未读</Tag>
            ),
        },
        {
          title: '传阅',
          key: 'sent',
          width: 200,
          render: (_: unknown, c) => (
            <span>
              {c.sentByName}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                {formatDateTime(c.sentAt)}
              </Typography.Text>
            </span>
          ),
        },
        {
          title: '附言',
          dataIndex: 'note',
          render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
        },
      ]}
    />
  );
}

type Props = {
  subject: { issueId: string } | { itemId: string };
  officeId: string;
  entries: CirculationEntry[];
  /** False: only the table (the caller may not circulate it now). */
  mayCirculate: boolean;
  onDone?: () => void;
};

/** 传阅: choose the office's leaders and an optional note; those who already have it are skipped. */
export function CirculationPanel({ subject, officeId, entries, mayCirculate, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const recipients = useCirculationRecipients(officeId, mayCirculate);
  const circulate = useCirculate();
  const [error, setError] = useState<string | null>(null);
  const already = new Set(entries.map((e) => e.recipientId));

  const submit = async (v: Values) => {
    setError(null);
    try {
      const r = await circulate.mutateAsync({
        ...subject,
        recipientIds: v.recipientIds,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(
        r.skipped
          ? `已传阅给 ${r.created} 位领导（${r.skippedNames.join('、')} 此前已传阅，未重复发送）`
          : `已传阅给 ${r.created} 位领导`,
      );
      form.resetFields();
      onDone?.();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={12}>
      {mayCirculate && (
        <Form<Values> form={form} layout="vertical" name="circulate" onFinish={submit}>
          <Flex gap={12} wrap align="flex-start">
            <Form.Item
              name="recipientIds"
              label="传阅给"
              rules={[{ required: true, message: '请选择传阅的领导' }]}
              style={{ flex: '1 1 260px', marginBottom: 8 }}
            >
              <Select
                mode="multiple"
                placeholder="选择本办公室领导"
                loading={recipients.isLoading}
                optionFilterProp="label"
                notFoundContent="本办公室暂无领导账号"
                options={(recipients.data ?? []).map((s) => ({
                  value: s.id,
                  label: already.has(s.id) ? `${s.displayName}（已传阅）` : s.displayName,
                  disabled: already.has(s.id),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label="附言" style={{ flex: '2 1 320px', marginBottom: 8 }}>
              <Input maxLength={200} placeholder="可选，如：请阅示" />
            </Form.Item>
          </Flex>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={circulate.isPending}>
            传阅
          </Button>
        </Form>
      )}
      <CirculationTable entries={entries} />
    </Flex>
  );
}
