import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MemberUnitSelect } from '../orgs/MemberUnitSelect.tsx';
import { type Instruction, useAssignInstruction } from './api.ts';

type Values = { unitIds: string[]; deadline: Dayjs; requirement?: string };

/**
 * 交办: the office hands an instruction to one or more member units, each to report how it was
 * carried out (落实反馈) by the deadline. Units already assigned are not offered again.
 */
export function AssignModal({
  instruction,
  open,
  onClose,
}: {
  instruction: Instruction;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const assign = useAssignInstruction();
  const { message } = App.useApp();
  const assigned = new Set(instruction.assignments.map((a) => a.unit.id));

  const submit = async () => {
    const v = await form.validateFields();
    const unitIds = v.unitIds.filter((id) => !assigned.has(id));
    if (unitIds.length === 0) {
      form.setFields([{ name: 'unitIds', errors: ['所选单位都已交办，请选择其他单位'] }]);
      return;
    }
    assign.mutate(
      {
        id: instruction.id,
        version: instruction.version,
        assignments: unitIds.map((unitId) => ({
          unitId,
          deadline: v.deadline.format('YYYY-MM-DD'),
          requirement: v.requirement?.trim() || undefined,
        })),
      },
      {
        onSuccess: () => {
          message.success(`已交办 ${unitIds.length} 个单位，承办单位将收到通知`);
          onClose();
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="交办批示"
      okText="交办"
      onOk={() => void submit()}
      confirmLoading={assign.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 12 }}>
        {instruction.leaderName}批示：{instruction.text}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="assign-instruction"
        preserve={false}
        initialValues={{ deadline: dayjs().add(10, 'day') }}
      >
        <Form.Item
          name="unitIds"
          label="承办单位"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一个承办单位' }]}
          extra={assigned.size > 0 ? `已交办 ${assigned.size} 个单位，再选的单位将追加交办` : undefined}
        >
          <MemberUnitSelect multiple style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="反馈期限"
          rules={[{ required: true, message: '请选择反馈期限' }]}
          extra="承办单位须在期限前报送落实情况；到期前一天提醒，逾期标红。"
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="requirement" label="办理要求">
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder="如：请于期限前书面报送落实情况及下一步打算（选填）"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
