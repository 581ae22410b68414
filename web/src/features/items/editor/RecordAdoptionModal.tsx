import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { applyServerErrors } from '../../orgs/formErrors.ts';
import { usePublications } from '../api.ts';
import { useRecordAdoption } from './api.ts';
import { PublicationSelect } from './PublicationSelect.tsx';

export const ADOPTION_KINDS = ['全文采用', '摘要采用', '综合采用', '约稿采用'] as const;

export type RecordAdoptionModalProps = {
  item: { id: string; version: number; title: string };
  open: boolean;
  onClose: () => void;
  onDone: () => void;
};

type Values = {
  publicationId: string;
  adoptionKind: string;
  adoptedOn: Dayjs;
  issueLabel?: string;
  note?: string;
};

const FIELDS = ['publicationId', 'adoptionKind', 'adoptedOn', 'issueLabel', 'note'] as const;

/**
 * 登记上级采用: records that a publication of an office above ours adopted an item we forwarded
 * (for upper offices not on this installation, or to register what they printed). Each
 * publication can be recorded once per item.
 */
export function RecordAdoptionModal({ item, open, onClose, onDone }: RecordAdoptionModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const publications = usePublications('upper', open);
  const record = useRecordAdoption();

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    try {
      await record.mutateAsync({
        id: item.id,
        publicationId: values.publicationId,
        adoptionKind: values.adoptionKind,
        adoptedOn: values.adoptedOn.format('YYYY-MM-DD'),
        issueLabel: values.issueLabel?.trim() || undefined,
        note: values.note?.trim() || undefined,
      });
      const name = publications.data?.find((p) => p.id === values.publicationId)?.name;
      message.success(name ? `已登记《${name}》采用` : '已登记上级采用');
      onDone();
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, (m) => (m.includes('刊物') ? 'publicationId' : null)));
    }
  };

  return (
    <Modal
      open={open}
      title="登记上级采用"
      okText="登记"
      cancelText="取消"
      confirmLoading={record.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} title={item.title}>
        信息：{item.title}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name="record-adoption"
        preserve={false}
        initialValues={{ adoptionKind: ADOPTION_KINDS[0], adoptedOn: dayjs() }}
      >
        <Form.Item
          name="publicationId"
          label="采用刊物"
          rules={[{ required: true, message: '请选择采用刊物' }]}
        >
          <PublicationSelect
            publications={publications.data}
            loading={publications.isPending}
            placeholder="上级办公室的刊物"
          />
        </Form.Item>
        <Form.Item
          name="adoptionKind"
          label="采用类型"
          rules={[{ required: true, message: '请选择采用类型' }]}
        >
          <Select options={ADOPTION_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="adoptedOn" label="采用日期" rules={[{ required: true, message: '请选择采用日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="issueLabel" label="期号">
          <Input maxLength={50} placeholder={`如：${dayjs().year()}年第12期`} />
        </Form.Item>
        <Form.Item name="note" label="备注" style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {publications.isError && (
        <Alert
          type="error"
          showIcon
          title={`刊物加载失败：${publications.error.message}`}
          style={{ marginTop: 16 }}
        />
      )}
    </Modal>
  );
}
