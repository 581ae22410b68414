import { Alert, Form, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../orgs/formErrors.ts';
import { usePublications } from './api.ts';

/** 拟采用: the editor picks which of the office's publications the item is meant for. */
export function AcceptModal({
  open,
  title,
  onClose,
  onAccept,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onAccept: (publicationId: string) => Promise<void>;
}) {
  const publications = usePublications('own', open);
  const [form] = Form.useForm<{ publicationId: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  // With a single publication there is nothing to choose.
  useEffect(() => {
    const list = publications.data;
    if (open && list?.length === 1) form.setFieldValue('publicationId', list[0].id);
  }, [open, publications.data, form]);

  const submit = async () => {
    const { publicationId } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onAccept(publicationId);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="拟采用"
      okText="拟采用"
      cancelText="取消"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>“{title}”拟编入哪个刊物？</p>
      <Form form={form} layout="vertical" name="accept" preserve={false}>
        <Form.Item
          name="publicationId"
          label="拟采用刊物"
          rules={[{ required: true, message: '请选择刊物' }]}
        >
          <Select
            loading={publications.isPending}
            placeholder="选择本办刊物"
            options={(publications.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            notFoundContent={publications.isError ? publications.error.message : '本办还没有刊物'}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
