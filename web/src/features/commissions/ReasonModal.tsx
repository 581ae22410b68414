import { App, Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A step that needs its reason in writing: 撤销约稿 (the office) or 无法报送 (a unit declines).
 * `onSubmit` resolves when the server agreed; its Chinese message shows when it refused.
 */
export function ReasonModal({
  open,
  title,
  label,
  okText,
  intro,
  placeholder,
  danger,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  intro?: ReactNode;
  placeholder?: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await onSubmit(v.reason.trim());
      onClose();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '操作失败，请稍后重试');
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      onOk={() => submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {intro && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {intro}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="commission-reason" preserve={false}>
        <Form.Item
          name="reason"
          label={label}
          rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
