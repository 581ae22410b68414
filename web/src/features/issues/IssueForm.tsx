import { SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { applyServerErrors, isStaleVersion } from '../orgs/formErrors.ts';
import { useOfficeStaff, useUpdateIssue } from './api.ts';
import type { IssueDetail, StaffMember } from './types.ts';

type Values = {
  title: string;
  editorNote: string;
  bao: string;
  song: string;
  fa: string;
  printCount: number;
  responsibleEditorId: string | null;
  signerId: string | null;
};

const FIELDS = ['title', 'editorNote', 'printCount', 'responsibleEditorId', 'signerId'] as const;

function valuesOf(issue: IssueDetail): Values {
  return {
    title: issue.title ?? '',
    editorNote: issue.editorNote ?? '',
    ...issue.distribution,
    printCount: issue.printCount,
    responsibleEditorId: issue.responsibleEditorId,
    signerId: issue.signerId,
  };
}

/** The office's people as options, keeping the one already set even when no longer listed. */
function staffOptions(
  staff: StaffMember[] | undefined,
  currentId: string | null,
  currentName: string | null,
) {
  const options = (staff ?? []).map((s) => ({ value: s.id, label: s.displayName }));
  if (currentId && !options.some((o) => o.value === currentId))
    options.unshift({ value: currentId, label: currentName ?? '（原设人员）' });
  return options;
}

function fieldOfMessage(m: string): string | null {
  if (m.includes('责任编辑')) return 'responsibleEditorId';
  if (m.includes('签发')) return 'signerId';
  if (m.includes('印数')) return 'printCount';
  return null;
}

type Props = { issue: IssueDetail; onConflict: () => void };

const none = <Typography.Text type="secondary">未填写</Typography.Text>;
const text = (v: string | null | undefined) =>
  v?.trim() ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : none;

/** The same fields as they stand, once the issue is locked (nothing greyed out to squint at). */
function IssueFacts({ issue }: { issue: IssueDetail }) {
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      styles={{ label: { whiteSpace: 'nowrap', width: 88 } }}
      items={[
        { key: 'title', label: '本期要目', children: text(issue.title) },
        { key: 'note', label: '编者按', children: text(issue.editorNote) },
        { key: 'bao', label: '报', children: text(issue.distribution.bao) },
        { key: 'song', label: '送', children: text(issue.distribution.song) },
        { key: 'fa', label: '发', children: text(issue.distribution.fa) },
        { key: 'print', label: '印数', children: `${issue.printCount} 份` },
        { key: 'editor', label: '责任编辑', children: text(issue.responsibleEditorName) },
        { key: 'signer', label: '签发领导', children: issue.signerName ?? '任一主编/签发领导' },
      ]}
    />
  );
}

/**
 * 编者按, 报/送/发, 印数, 责任编辑 and 签发领导 of one issue, saved with its version. Read-only
 * once the issue has left the draft stage.
 */
export function IssueForm({ issue, onConflict }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateIssue();
  const editable = issue.actions.includes('edit');
  const editors = useOfficeStaff(issue.officeId, ['editor', 'chief_editor'], editable);
  const signers = useOfficeStaff(issue.officeId, ['chief_editor', 'leader'], editable);

  // The server's values: the form follows them when they change (a save, a reload), not on every render.
  const saved = useMemo(() => valuesOf(issue), [issue]);
  const savedKey = JSON.stringify(saved);
  // biome-ignore lint/correctness/useExhaustiveDependencies: savedKey stands for saved
  useEffect(() => {
    form.setFieldsValue(saved);
    setError(null);
  }, [savedKey, form]);

  const submit = async (v: Values) => {
    setError(null);
    try {
      await update.mutateAsync({
        id: issue.id,
        version: issue.version,
        title: v.title?.trim() ? v.title.trim() : null,
        editorNote: v.editorNote?.trim() ? v.editorNote.trim() : null,
        distribution: { bao: v.bao ?? '', song: v.song ?? '', fa: v.fa ?? '' },
        printCount: v.printCount,
        responsibleEditorId: v.responsibleEditorId ?? null,
        signerId: v.signerId ?? null,
      });
      message.success('已保存');
    } catch (e) {
      if (isStaleVersion(e) || (e instanceof Error && e.message.includes('他人修改'))) {
        message.warning((e as Error).message);
        onConflict();
        return;
      }
      setError(applyServerErrors(form, e, FIELDS, fieldOfMessage));
    }
  };

  if (!editable) return <IssueFacts issue={issue} />;
  return (
    <Form<Values> form={form} layout="vertical" name="issue-form" onFinish={submit}>
      <Form.Item name="title" label="本期要目" rules={[{ max: 100, message: '不能超过 100 字' }]}>
        <Input placeholder="可选；不填则列表中显示前几条信息的标题" maxLength={100} />
      </Form.Item>
      <Form.Item name="editorNote" label="编者按" rules={[{ max: 2000, message: '编者按不能超过 2000 字' }]}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          placeholder="可选；印在正文之前，如说明本期主题或转发要求"
          maxLength={2000}
          showCount
        />
      </Form.Item>
      <Form.Item name="bao" label="报" rules={[{ max: 1000, message: '不能超过 1000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="报送的上级机关" />
      </Form.Item>
      <Form.Item name="song" label="送" rules={[{ max: 1000, message: '不能超过 1000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="抄送的领导、同级机关" />
      </Form.Item>
      <Form.Item name="fa" label="发" rules={[{ max: 1000, message: '不能超过 1000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="印发的下级单位" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="printCount" label="印数" rules={[{ required: true, message: '请填写印数' }]}>
            <InputNumber min={1} max={10000} precision={0} suffix="份" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="responsibleEditorId" label="责任编辑">
            <Select
              allowClear
              placeholder="未设置"
              loading={editors.isLoading}
              options={staffOptions(editors.data, issue.responsibleEditorId, issue.responsibleEditorName)}
              notFoundContent="本办公室暂无编辑"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="signerId" label="签发领导" tooltip="未指定时，本办公室任一主编/签发领导均可签发">
            <Select
              allowClear
              placeholder="任一主编/签发领导"
              loading={signers.isLoading}
              options={staffOptions(signers.data, issue.signerId, issue.signerName)}
              notFoundContent="本办公室暂无主编/签发领导或领导"
            />
          </Form.Item>
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={update.isPending}>
        保存
      </Button>
    </Form>
  );
}
