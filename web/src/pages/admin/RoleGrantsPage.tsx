import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { usePendingGrants, useReviewGrants } from '../../features/users/api.ts';
import type { PendingGrantRow } from '../../features/users/types.ts';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, dateStyle: 'short', timeStyle: 'short' });

/**
 * 待确认授权 (/admin/role-grants): the security administrator confirms or rejects the business
 * roles the system administrator gave new accounts (三员分立); until then they give no access.
 */
export function RoleGrantsPage() {
  const { message } = App.useApp();
  const query = usePendingGrants();
  const review = useReviewGrants();
  const [rejecting, setRejecting] = useState<PendingGrantRow | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const decide = async (row: PendingGrantRow, decision: 'confirm' | 'reject', reason?: string) => {
    try {
      await review.mutateAsync({
        id: row.userId,
        decision,
        roles: row.pendingGrants.map((g) => g.role),
        reason,
        version: row.version,
      });
      message.success(decision === 'confirm' ? `已确认 ${row.displayName} 的授权，即时生效` : '已驳回授权');
      setRejecting(null);
    } catch (err) {
      message.error((err as Error).message);
      void query.refetch();
    }
  };

  return (
    <>
      <PageHeader
        title="待确认授权"
        description="系统管理员新建账号时授予的业务角色，须经安全管理员确认后才生效；确认前该账号看不到任何业务内容。确认与驳回均记入操作日志。"
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      <Card>
        <Table<PendingGrantRow>
          rowKey="userId"
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '没有待确认的授权' }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 160 },
            { title: '姓名', dataIndex: 'displayName', width: 120 },
            { title: '主单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
            {
              title: '待确认角色',
              key: 'pending',
              render: (_: unknown, r) => <RoleTags roles={[]} pending={r.pendingGrants.map((g) => g.role)} />,
            },
            {
              title: '授予人 / 时间',
              key: 'grantor',
              width: 220,
              render: (_: unknown, r) => (
                <Typography.Text type="secondary">
                  {r.pendingGrants[0]?.grantedByName}{' '}
                  {r.pendingGrants[0] && when(r.pendingGrants[0].grantedAt)}
                </Typography.Text>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 160,
              render: (_: unknown, r) =>
                r.reviewable ? (
                  <Space>
                    <Popconfirm
                      title={`确认授予 ${r.displayName} 这些角色？确认后即时生效。`}
                      okText="确认授权"
                      cancelText="取消"
                      onConfirm={() => decide(r, 'confirm')}
                    >
                      <Button type="link" size="small">
                        确认
                      </Button>
                    </Popconfirm>
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() => {
                        form.resetFields();
                        setRejecting(r);
                      }}
                    >
                      驳回
                    </Button>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">须由他人确认</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={rejecting !== null}
        title={rejecting ? `驳回 ${rejecting.displayName} 的授权` : '驳回授权'}
        okText="驳回"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        confirmLoading={review.isPending}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          if (rejecting) await decide(rejecting, 'reject', reason.trim());
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="驳回原因"
            rules={[
              { required: true, whitespace: true, message: '请填写驳回原因' },
              { max: 500, message: '驳回原因不能超过 500 个字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
