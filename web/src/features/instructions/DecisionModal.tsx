import { App, Form, Input, Modal, Radio } from 'antd';
import { type Assignment, useDecideFeedback } from './api.ts';

type Values = { decision: 'accepted' | 'more_requested'; note?: string };

/** 审核落实反馈: the office accepts a unit's feedback (its part is done) or asks for more. */
export function DecisionModal({
  assignment,
  onClose,
}: {
  assignment: Assignment | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const decide = useDecideFeedback();
  const { message } = App.useApp();
  const decision = Form.useWatch('decision', form);

  const submit = async () => {
    if (!assignment) return;
    const v = await form.validateFields();
    decide.mutate(
      {
        id: assignment.id,
        decision: v.decision,
        note: v.note?.trim() || undefined,
        version: assignment.version,
      },
      {
        onSuccess: () => {
          message.success(v.decision === 'accepted' ? `${assignment.unit.name}已办结` : '已要求补充反馈');
          onClose();
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  return (
    <Modal
      open={!!assignment}
      title={assignment ? `审核落实反馈：${assignment.unit.name}` : ''}
      okText="确定"
      onOk={() => void submit()}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="feedback-decision"
        preserve={false}
        initialValues={{ decision: 'accepted' }}
      >
        <Form.Item name="decision" label="审核结果">
          <Radio.Group
            options={[
              { value: 'accepted', label: '同意办结' },
              { value: 'more_requested', label: '需补充反馈' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={decision === 'more_requested' ? '补充要求' : '审核意见'}
          rules={
            decision === 'more_requested'
              ? [{ required: true, whitespace: true, message: '请写明需要补充的内容' }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
