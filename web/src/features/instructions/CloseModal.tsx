import { App, Form, Input, Modal } from 'antd';
import { type Instruction, useCloseInstruction } from './api.ts';

/** 直接办结: an instruction that needs no handling unit (阅知、已落实) is closed with a note. */
export function CloseModal({
  instruction,
  open,
  onClose,
}: {
  instruction: Instruction;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const close = useCloseInstruction();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    close.mutate(
      { id: instruction.id, note: v.note, version: instruction.version },
      {
        onSuccess: () => {
          message.success('批示已办结');
          onClose();
        },
        onError: (err) => message.error(err.message),
      },
    );
  };
  return (
    <Modal
      open={open}
      title="办结批示"
      okText="办结"
      onOk={() => void submit()}
      confirmLoading={close.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="close-instruction" preserve={false}>
        <Form.Item
          name="note"
          label="办结说明"
          rules={[{ required: true, whitespace: true, message: '请填写办结说明' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：领导阅知，无需交办。" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
