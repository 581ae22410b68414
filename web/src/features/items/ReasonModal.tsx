import { Alert, Form, Input, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage } from '../orgs/formErrors.ts';

export type ReasonRequest = {
  title: string;
  /** Shown above the field: what will happen. */
  description?: ReactNode;
  label: string;
  placeholder?: string;
  okText: string;
  danger?: boolean;
  maxLength?: number;
  /** Runs the action; a thrown error keeps the dialog open and shows the server's message. */
  onOk: (reason: string) => Promise<void>;
};

/**
 * Asks why before an action that the workflow requires a reason for (退回, 退稿, 退回修改) or
 * before saving an item that has left the draft stage (修改说明).
 */
export function ReasonModal({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (request) {
      form.resetFields();
      setError(null);
    }
  }, [request, form]);

  const submit = async () => {
    if (!request) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await request.onOk(reason.trim());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!request}
      title={request?.title}
      okText={request?.okText}
      cancelText="取消"
      okButtonProps={{ danger: request?.danger, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      {request?.description && <div style={{ marginBottom: 12 }}>{request.description}</div>}
      <Form form={form} layout="vertical" name="reason" preserve={false}>
        <Form.Item
          name="reason"
          label={request?.label}
          rules={[{ required: true, whitespace: true, message: `请填写${request?.label ?? '原因'}` }]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={request?.maxLength ?? 500}
            showCount
            placeholder={request?.placeholder}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
