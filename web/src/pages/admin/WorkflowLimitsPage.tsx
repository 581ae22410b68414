import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { WorkflowLimits } from '../../../../server/modules/items/deadline.ts';
import type { WorkflowLimitsView } from '../../../../server/modules/settings/workflow-limits.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  type NumberSetting,
  NumberSettingItem,
  useVersionedSetting,
} from '../../features/settings/versioned-setting.tsx';

type Field = NumberSetting<keyof WorkflowLimits>;

/** Bounds match the server's (server/modules/settings/workflow-limits.ts), which checks them again. */
const FIELDS: Field[] = [
  {
    name: 'urgentHours',
    label: '紧急信息',
    unit: '小时',
    min: 1,
    max: 72,
    help: '自事件发生时间起算；未填写事件时间的，自签发报送起算。',
    ruleName: '紧急信息时限',
  },
  {
    name: 'forReadingHours',
    label: '送阅件',
    unit: '小时',
    min: 1,
    max: 168,
    help: '自签发报送起算，供领导直接阅示的信息。',
    ruleName: '送阅件时限',
  },
  {
    name: 'routineWorkingDays',
    label: '常规信息',
    unit: '个工作日',
    min: 1,
    max: 30,
    help: '自签发报送起算，按周一至周五计（北京时间），法定节假日不扣除。',
    ruleName: '常规信息时限',
  },
];

/**
 * The chief editor's screen for the office's handling time limits (办理时限) behind every countdown.
 * Each office has its own; the page names whose, and editors see them read-only.
 */
export function WorkflowLimitsPage() {
  const queryClient = useQueryClient();
  // Empty: the caller's own office (the server picks it); set when they work in several.
  const [officeId, setOfficeId] = useState('');
  const {
    query,
    current: limits,
    form,
    saving,
    save,
    reset,
  } = useVersionedSetting<WorkflowLimits, WorkflowLimitsView>({
    queryKey: ['settings', 'workflow-limits', officeId],
    url: `/api/settings/workflow-limits${officeId ? `?officeId=${officeId}` : ''}`,
    savedMessage: '办理时限已保存，收稿箱的倒计时和超时标记即按新时限计算',
    // Deadlines and overdue marks in every list follow the new limits.
    onSaved: () => void queryClient.invalidateQueries({ queryKey: ['items'] }),
  });

  return (
    <>
      <PageHeader
        title="时限设置"
        description="各单位报送的信息须在以下时限内办理（退回、退稿或拟采用），超过即在收稿箱标为已超时。每个办公室各有自己的时限，由本办公室的主编/签发领导设置，修改记入操作日志。"
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {limits && (
        <Card
          title={`${limits.office.name}的办理时限`}
          extra={
            limits.offices.length > 1 && (
              <Select
                aria-label="办公室"
                style={{ width: 260 }}
                value={limits.office.id}
                options={limits.offices.map((o) => ({ value: o.id, label: o.name }))}
                onChange={setOfficeId}
              />
            )
          }
        >
          {!limits.editable && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="办理时限由本办公室的主编/签发领导设置，您可以查看。"
            />
          )}
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
            onFinish={save}
            requiredMark={false}
            disabled={!limits.editable}
          >
            <Row gutter={24}>
              {FIELDS.map((f) => (
                <Col key={f.name} xs={24} md={12} xl={8}>
                  <NumberSettingItem field={f} width={200} />
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              时限只计算仍待办理（已报送）的信息；已退回、退稿或拟采用的信息不再计时。
            </Typography.Paragraph>
            {limits.editable && (
              <Space>
                <Button type="primary" htmlType="submit" loading={saving}>
                  保存
                </Button>
                <Button onClick={reset} disabled={saving}>
                  恢复
                </Button>
              </Space>
            )}
          </Form>
        </Card>
      )}
    </>
  );
}
