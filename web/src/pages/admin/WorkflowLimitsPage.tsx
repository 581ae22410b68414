import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { WorkflowLimits } from '../../../../server/modules/items/deadline.ts';
import { ApiError, api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';

type LimitsWithVersion = WorkflowLimits & { version: number };

type Field = {
  name: keyof WorkflowLimits;
  label: string;
  unit: string;
  min: number;
  max: number;
  help: ReactNode;
};

/** Bounds match the server's (server/modules/settings/workflow-limits.ts), which checks them again. */
const FIELDS: Field[] = [
  {
    name: 'urgentHours',
    label: '紧急信息',
    unit: '小时',
    min: 1,
    max: 72,
    help: '自事件发生时间起算；未填写事件时间的，自签发报送起算。',
  },
  {
    name: 'forReadingHours',
    label: '送阅件',
    unit: '小时',
    min: 1,
    max: 168,
    help: '自签发报送起算，供领导直接阅示的信息。',
  },
  {
    name: 'routineWorkingDays',
    label: '常规信息',
    unit: '个工作日',
    min: 1,
    max: 30,
    help: '自签发报送起算，按周一至周五计（北京时间），法定节假日不扣除。',
  },
];

const LIMITS_KEY = ['settings', 'workflow-limits'] as const;

/** The chief editor's screen for the office's handling time limits (办理时限) behind every countdown. */
export function WorkflowLimitsPage() {
  const query = useQuery({
    queryKey: LIMITS_KEY,
    queryFn: () => api<LimitsWithVersion>('GET', '/api/settings/workflow-limits'),
  });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<WorkflowLimits>();
  const [saving, setSaving] = useState(false);
  const limits = query.data;

  useEffect(() => {
    if (limits) form.setFieldsValue(limits);
  }, [limits, form]);

  const onFinish = async (values: WorkflowLimits) => {
    if (!limits) return;
    setSaving(true);
    try {
      const saved = await api<LimitsWithVersion>('PUT', '/api/settings/workflow-limits', {
        ...values,
        version: limits.version,
      });
      queryClient.setQueryData(LIMITS_KEY, saved);
      // Deadlines and overdue marks in every list follow the new limits.
      void queryClient.invalidateQueries({ queryKey: ['items'] });
      message.success('办理时限已保存，收稿箱的倒计时和超时标记即按新时限计算');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.error(`保存失败：${err.message}。已重新载入最新设置，请核对后再保存。`);
        void query.refetch();
      } else {
        message.error(`保存失败：${(err as Error).message}`);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title="时限设置"
        description="各单位报送的信息须在以下时限内办理（退回、退稿或拟采用），超过即在收稿箱标为已超时。修改记入操作日志。"
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {limits && (
        <Card>
          {limits.version === 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="当前为系统默认时限，尚未修改过。"
            />
          )}
          <Form<WorkflowLimits>
            form={form}
            layout="vertical"
            initialValues={limits}
            onFinish={onFinish}
            requiredMark={false}
          >
            <Row gutter={24}>
              {FIELDS.map((f) => (
                <Col key={f.name} xs={24} md={12} xl={8}>
                  <Form.Item
                    name={f.name}
                    label={f.label}
                    extra={f.help}
                    rules={[
                      { required: true, message: `请填写${f.label}时限` },
                      {
                        type: 'integer',
                        min: f.min,
                        max: f.max,
                        message: `${f.label}时限应为 ${f.min}–${f.max} 的整数`,
                      },
                    ]}
                  >
                    <InputNumber<number>
                      min={f.min}
                      max={f.max}
                      precision={0}
                      suffix={f.unit}
                      style={{ width: 200 }}
                      aria-label={f.label}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              时限只计算仍待办理（已报送）的信息；已退回、退稿或拟采用的信息不再计时。
            </Typography.Paragraph>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存
              </Button>
              <Button onClick={() => form.setFieldsValue(limits)} disabled={saving}>
                恢复
              </Button>
            </Space>
          </Form>
        </Card>
      )}
    </>
  );
}
