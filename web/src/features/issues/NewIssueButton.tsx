import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Publication } from '../items/types.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import { useCreateIssue } from './api.ts';

type Values = { publicationId: string; title?: string };

/**
 * 新建一期: allocates the next number of a publication and opens the new draft. The dialog asks
 * which publication when the office has several, and always offers an optional subject.
 */
export function NewIssueButton({
  publications,
  defaultId,
}: {
  publications: Publication[];
  defaultId?: string;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateIssue();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const start = () => {
    setError(null);
    form.resetFields();
    const initial = publications.find((p) => p.id === defaultId)?.id ?? publications[0]?.id;
    form.setFieldsValue({ publicationId: initial });
    setOpen(true);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const issue = await create.mutateAsync({
        publicationId: v.publicationId,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      });
      message.success(`已新建《${issue.publicationName}》${issue.label}`);
      setOpen(false);
      navigate(`/issues/${issue.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} disabled={publications.length === 0} onClick={start}>
        新建一期
      </Button>
      <Modal
        open={open}
        title="新建一期"
        okText="新建"
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="new-issue">
          <Form.Item
            name="publicationId"
            label="刊物"
            rules={[{ required: true, message: '请选择刊物' }]}
            extra="期号按刊物的编排规则自动分配，删除草稿只能从最新一期删起。"
          >
            <Select
              options={publications.map((p) => ({ value: p.id, label: `《${p.name}》（${p.kind}）` }))}
              disabled={publications.length === 1}
            />
          </Form.Item>
          <Form.Item name="title" label="本期要目（可选）" rules={[{ max: 100, message: '不能超过 100 字' }]}>
            <Input placeholder="如 全市经济运行情况专辑；不填则以各条信息标题显示" maxLength={100} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
