import { App, Button, Col, Form, Input, Row, Space } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Filing, type FilingInput, useFileLiaison } from './api.ts';

type Values = Omit<FilingInput, 'version'>;

const blank = (v?: string | null) => v?.trim() || null;

/**
 * 填报 / 变更 a unit's yearly filing: its 分管领导 and its 信息员. A change sends the version the
 * form was read at; a stale one is refused by the server and the form reloads.
 */
export function FilingForm({
  unitId,
  year,
  filing,
  onDone,
  onCancel,
}: {
  unitId: string;
  year: number;
  filing: Filing | null;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const save = useFileLiaison();
  const { message } = App.useApp();
  useEffect(() => {
    if (filing) form.setFieldsValue(filing);
  }, [filing, form]);

  const submit = (v: Values) =>
    save.mutate(
      {
        unitId,
        year,
        input: {
          ...v,
          reporterTitle: blank(v.reporterTitle),
          reporterEmail: blank(v.reporterEmail),
          version: filing?.version,
        },
      },
      {
        onSuccess: (r) => {
          message.success(
            !filing ? `${year}年度联络员已备案` : r.changed ? '备案已变更，变更记录已保存' : '内容没有变化',
          );
          onDone();
        },
        onError: (err) => {
          message.error(err.message);
          if (err instanceof ApiError && err.status === 409) onDone();
        },
      },
    );

  const col = { xs: 24, md: 8 };
  return (
    <Form<Values> form={form} layout="vertical" name={`liaison-${unitId}`} onFinish={submit}>
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item
            name="leaderName"
            label="分管领导"
            rules={[{ required: true, whitespace: true, message: '请填写分管领导姓名' }]}
          >
            <Input maxLength={40} placeholder="姓名" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="leaderTitle"
            label="领导职务"
            rules={[{ required: true, whitespace: true, message: '请填写分管领导职务' }]}
          >
            <Input maxLength={60} placeholder="如：副局长" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="leaderPhone"
            label="领导电话"
            rules={[{ required: true, whitespace: true, message: '请填写分管领导电话' }]}
          >
            <Input maxLength={32} placeholder="手机或带区号的座机" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="reporterName"
            label="信息员"
            rules={[{ required: true, whitespace: true, message: '请填写信息员姓名' }]}
          >
            <Input maxLength={40} placeholder="姓名" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="reporterTitle" label="信息员职务">
            <Input maxLength={60} placeholder="选填" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="reporterPhone"
            label="办公电话"
            rules={[{ required: true, whitespace: true, message: '请填写信息员办公电话' }]}
          >
            <Input maxLength={32} placeholder="如：0358-7221234" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="reporterMobile"
            label="信息员手机"
            rules={[{ required: true, whitespace: true, message: '请填写信息员手机' }]}
            extra="短信提醒发送到此号码"
          >
            <Input maxLength={11} placeholder="11 位手机号码" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="reporterEmail" label="电子邮箱">
            <Input maxLength={254} placeholder="选填" />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {filing ? '保存变更' : '提交备案'}
        </Button>
        {onCancel && <Button onClick={onCancel}>取消</Button>}
      </Space>
    </Form>
  );
}
