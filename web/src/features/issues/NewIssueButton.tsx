import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Publication } from '../items/types.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import { useCreateIssue } from './api.ts';

type Values = { publicationId: string; title?: string; number?: number | null; totalNumber?: number | null };

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
  const [starting, setStarting] = useState(false);
  const [form] = Form.useForm<Values>();

  const start = () => {
    setError(null);
    setStarting(false);
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
        ...(starting && v.number ? { number: v.number } : {}),
        ...(starting && v.totalNumber ? { totalNumber: v.totalNumber } : {}),
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
          {starting ? (
            <>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="number" label="起始期号" style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={1}
                      max={9999}
                      precision={0}
                      placeholder="如 25"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="totalNumber" label="起始总期号" style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={1}
                      max={99999}
                      precision={0}
                      placeholder="可不填"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                只用于本刊在本系统编排的第一期（此前各期为手工编印）；之后的期号自动顺延，不能跳号或重号。
              </Typography.Paragraph>
            </>
          ) : (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, marginBottom: 12 }}
              onClick={() => setStarting(true)}
            >
              此前各期为手工编印？指定起始期号
            </Button>
          )}
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
