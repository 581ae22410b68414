import { App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { type LeaderRank, useWriteInstruction } from './api.ts';

type Values = { text: string; instructedOn: Dayjs; leaderTitle?: string; leaderRank?: LeaderRank };

/**
 * 写批示: a leader's instruction on an item or an issue circulated to them. The date is today
 * unless the leader wrote it on another day; the level is the leader's office's (server side).
 */
export function WriteInstructionModal({
  open,
  subject,
  onClose,
}: {
  open: boolean;
  subject: { itemId?: string; issueId?: string; title: string } | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const write = useWriteInstruction();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const submit = async () => {
    const v = await form.validateFields();
    if (!subject) return;
    write.mutate(
      {
        itemId: subject.itemId,
        issueId: subject.issueId,
        text: v.text,
        instructedOn: v.instructedOn.format('YYYY-MM-DD'),
        leaderTitle: v.leaderTitle?.trim() || undefined,
        leaderRank: v.leaderRank,
      },
      {
        onSuccess: (created) => {
          message.success('批示已提交，办公室将交办落实');
          form.resetFields();
          onClose();
          navigate(`/instructions/${created.id}`);
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="写批示"
      okText="提交批示"
      onOk={() => void submit()}
      confirmLoading={write.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {subject && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          批示对象：{subject.title}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="write-instruction"
        preserve={false}
        initialValues={{ instructedOn: dayjs() }}
      >
        <Form.Item
          name="text"
          label="批示内容"
          rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={2000}
            showCount
            placeholder="如：请市财政局牵头研究落实，于月底前报告进展。"
          />
        </Form.Item>
        <Form.Item
          name="instructedOn"
          label="批示日期"
          rules={[{ required: true, message: '请选择批示日期' }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="leaderTitle" label="职务">
          <Input maxLength={40} placeholder="如：市长、副市长（选填）" />
        </Form.Item>
        <Form.Item name="leaderRank" label="领导类别" tooltip="部分考核办法对主要领导批示单独计分">
          <Radio.Group
            options={[
              { value: 'principal', label: '主要领导' },
              { value: 'deputy', label: '分管（其他）领导' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
