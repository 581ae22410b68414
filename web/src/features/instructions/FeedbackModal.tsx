import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { uploadRecordFile } from '../../components/RecordFiles.tsx';
import { type Assignment, feedbackFileUrl, INSTRUCTIONS_KEY, useSubmitFeedback } from './api.ts';

type Values = { text: string };

/**
 * 报送落实反馈: the handling unit reports what it did, with files (the written report, photos).
 * The text is sent first; the chosen files are uploaded to the new round right after.
 */
export function FeedbackModal({
  assignment,
  onClose,
}: {
  assignment: Assignment | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const submit = useSubmitFeedback();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const qc = useQueryClient();
  const open = !!assignment;
  const round = (assignment?.feedback.length ?? 0) + 1;

  const close = () => {
    setFiles([]);
    onClose();
  };

  const send = async () => {
    if (!assignment) return;
    const v = await form.validateFields();
    submit.mutate(
      { id: assignment.id, text: v.text, version: assignment.version },
      {
        onSuccess: async (created) => {
          setUploading(true);
          const failed: string[] = [];
          for (const f of files) {
            try {
              await uploadRecordFile(feedbackFileUrl(created.id), f);
            } catch (err) {
              failed.push(`${f.name}：${(err as Error).message}`);
            }
          }
          setUploading(false);
          if (files.length) await qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
          if (failed.length) message.warning(`反馈已报送，以下附件未上传：${failed.join('；')}`, 8);
          else message.success(`第 ${created.round} 次落实反馈已报送，等待办公室审核`);
          close();
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={round > 1 ? `补充落实反馈（第 ${round} 次）` : '报送落实反馈'}
      okText="报送"
      onOk={() => void send()}
      confirmLoading={submit.isPending || uploading}
      onCancel={close}
      destroyOnHidden
      width={600}
    >
      {assignment?.requirement && (
        <Typography.Paragraph type="secondary">办理要求：{assignment.requirement}</Typography.Paragraph>
      )}
      <Form<Values> form={form} layout="vertical" name="instruction-feedback" preserve={false}>
        <Form.Item
          name="text"
          label="落实情况"
          rules={[{ required: true, whitespace: true, message: '请填写落实情况' }]}
        >
          <Input.TextArea
            rows={8}
            maxLength={5000}
            showCount
            placeholder="写明采取的措施、取得的成效和下一步打算。"
          />
        </Form.Item>
        <Form.Item label="附件" extra="落实情况报告、照片等，可选多个文件">
          <input
            type="file"
            multiple
            aria-label="选择附件"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
