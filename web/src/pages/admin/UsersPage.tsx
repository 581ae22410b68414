import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ROLE_LABELS } from '../../../../server/lib/roles.ts';
import { download } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import type { Role } from '../../auth/types.ts';
import { tableChangeToQuery } from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { errorMessage, isStaleVersion } from '../../features/orgs/formErrors.ts';
import { OrgTreeSelect } from '../../features/orgs/OrgTreeSelect.tsx';
import { USER_PAGE_SIZE, userQueryString, useUserStateChange, useUsers } from '../../features/users/api.ts';
import { IssuedPassword } from '../../features/users/IssuedPassword.tsx';
import { ResetPasswordModal } from '../../features/users/ResetPasswordModal.tsx';
import { SetRolesModal } from '../../features/users/SetRolesModal.tsx';
import type { User, UserFilters, UserSort, UserStatus } from '../../features/users/types.ts';
import { UserFormModal } from '../../features/users/UserFormModal.tsx';
import { UserStatusTags } from '../../features/users/UserStatusTags.tsx';
import { UserUnits } from '../../features/users/UserUnits.tsx';
import { formatDateTime } from '../../format.ts';

const STATUS_OPTIONS: { value: UserStatus; label: string }[] = [
  { value: 'active', label: '正常' },
  { value: 'inactive', label: '停用' },
  { value: 'locked', label: '锁定' },
];

type SearchValues = { q?: string; orgId?: string; role?: Role; status?: UserStatus };

/** 用户管理 (/admin/users): accounts for the system administrator, their roles for the security administrator. */
export function UsersPage() {
  const { message, modal } = App.useApp();
  const me = useMe();
  const isSysadmin = me.user.roles.includes('sysadmin');
  const isSecadmin = me.user.roles.includes('secadmin');
  const [params, setParams] = useSearchParams();
  const [searchForm] = Form.useForm<SearchValues>();

  const filters = useMemo<UserFilters>(
    () => ({
      q: params.get('q') ?? undefined,
      orgId: params.get('orgId') ?? undefined,
      role: (params.get('role') as Role | null) ?? undefined,
      status: (params.get('status') as UserStatus | null) ?? undefined,
      sort: (params.get('sort') as UserSort | null) ?? undefined,
      order: (params.get('order') as 'asc' | 'desc' | null) ?? undefined,
    }),
    [params],
  );
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useUsers(filters, page);
  const stateChange = useUserStateChange();

  useEffect(() => {
    searchForm.setFieldsValue({
      q: filters.q,
      orgId: filters.orgId,
      role: filters.role,
      status: filters.status,
    });
  }, [filters, searchForm]);

  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage && !('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const [editing, setEditing] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const [resetting, setResetting] = useState<User | null>(null);
  const [settingRoles, setSettingRoles] = useState<User | null>(null);

  const exportExcel = () =>
    download(`/api/users/export.xlsx?${userQueryString(filters)}`, '用户列表.xlsx').catch((e) =>
      message.error(errorMessage(e)),
    );

  const confirmState = (user: User, action: 'unlock' | 'deactivate' | 'activate') => {
    const texts = {
      unlock: {
        title: `解除“${user.displayName}”的锁定？`,
        content: '解锁后该用户可立即重新登录。',
        ok: '解锁',
        done: '已解锁',
      },
      deactivate: {
        title: `停用“${user.displayName}”的账号？`,
        content: '停用后该账号不能登录，已登录的会话立即退出。其历史记录保留，之后可重新启用。',
        ok: '停用',
        done: '已停用',
      },
      activate: {
        title: `启用“${user.displayName}”的账号？`,
        content: '启用后该账号可以重新登录。',
        ok: '启用',
        done: '已启用',
      },
    }[action];
    modal.confirm({
      title: texts.title,
      content: texts.content,
      okText: texts.ok,
      okButtonProps: { danger: action === 'deactivate' },
      cancelText: '取消',
      onOk: async () => {
        try {
          await stateChange.mutateAsync({ id: user.id, action, version: user.version });
          message.success(`${texts.done}：${user.displayName}`);
        } catch (e) {
          if (isStaleVersion(e)) message.warning(errorMessage(e));
          else message.error(errorMessage(e));
        }
      },
    });
  };

  const sortOrderOf = (key: UserSort) =>
    filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;

  const columns: ColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      key: 'username',
      width: 140,
      sorter: true,
      sortOrder: sortOrderOf('username') ?? (filters.sort ? null : 'ascend'),
    },
    { title: '姓名', dataIndex: 'displayName', width: 100 },
    { title: '所属单位', key: 'units', width: 240, render: (_: unknown, u) => <UserUnits units={u.units} /> },
    {
      title: '角色',
      key: 'roles',
      width: 200,
      render: (_: unknown, u) => <RoleTags roles={u.roles} pending={u.pendingGrants.map((g) => g.role)} />,
    },
    { title: '手机', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', width: 120, render: (_: unknown, u) => <UserStatusTags user={u} /> },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf('lastLoginAt'),
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">从未登录</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          {u.actions.includes('update') && (
            <Button type="link" size="small" onClick={() => setEditing({ open: true, user: u })}>
              编辑
            </Button>
          )}
          {u.actions.includes('resetPassword') && (
            <Button type="link" size="small" onClick={() => setResetting(u)}>
              重置密码
            </Button>
          )}
          {u.actions.includes('unlock') && (
            <Button type="link" size="small" onClick={() => confirmState(u, 'unlock')}>
              解锁
            </Button>
          )}
          {u.actions.includes('setRoles') && (
            <Button type="link" size="small" onClick={() => setSettingRoles(u)}>
              设置角色
            </Button>
          )}
          {u.actions.includes('deactivate') && (
            <Button type="link" size="small" danger onClick={() => confirmState(u, 'deactivate')}>
              停用
            </Button>
          )}
          {u.actions.includes('activate') && (
            <Button type="link" size="small" onClick={() => confirmState(u, 'activate')}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filtered = !!(filters.q || filters.orgId || filters.role || filters.status);
  const emptyText = query.isPending ? (
    ' '
  ) : filtered ? (
    <Empty description="没有符合条件的用户。请调整或清除查询条件。">
      <Button onClick={() => update({ q: undefined, orgId: undefined, role: undefined, status: undefined })}>
        清除条件
      </Button>
    </Empty>
  ) : (
    <Empty description={isSysadmin ? '还没有用户。点击“新建用户”添加账号。' : '还没有用户。'} />
  );

  return (
    <>
      <PageHeader
        title="用户管理"
        description={
          isSecadmin
            ? '查看账号，按三员分立原则为账号设置角色，解除登录锁定。'
            : '新建账号、维护所属单位、重置密码、停用或启用账号。角色由安全管理员设置。'
        }
      />
      <Card size="small">
        <Form
          form={searchForm}
          layout="inline"
          name="user-search"
          style={{ rowGap: 12, marginBottom: 12 }}
          onFinish={(v) =>
            update({ q: v.q?.trim() || undefined, orgId: v.orgId, role: v.role, status: v.status })
          }
        >
          <Form.Item name="q" label="关键字">
            <Input allowClear placeholder="用户名、姓名或手机" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="orgId" label="所属单位">
            <OrgTreeSelect includeInactive placeholder="全部单位" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              options={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select allowClear placeholder="全部" style={{ width: 100 }} options={STATUS_OPTIONS} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  searchForm.resetFields();
                  update({ q: undefined, orgId: undefined, role: undefined, status: undefined });
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Row justify="space-between" align="middle" gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col>
            <Typography.Text type="secondary">
              {query.data ? `共 ${query.data.total} 个用户` : ' '}
            </Typography.Text>
          </Col>
          <Col>
            <Space wrap>
              {isSysadmin && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ open: true, user: null })}
                >
                  新建用户
                </Button>
              )}
              <Button icon={<DownloadOutlined />} onClick={exportExcel}>
                导出Excel
              </Button>
            </Space>
          </Col>
        </Row>
        {query.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          </div>
        )}
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1300 }}
          locale={{ emptyText }}
          onChange={(pagination, _filters, sorter) =>
            update(tableChangeToQuery<UserSort, User>(pagination, sorter, filters), true)
          }
          pagination={{
            current: page,
            pageSize: USER_PAGE_SIZE,
            total: query.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 个`,
          }}
        />
      </Card>
      <UserFormModal
        open={editing.open}
        user={editing.user}
        onClose={() => setEditing({ open: false, user: editing.user })}
        onCreated={(user, password) => {
          setEditing({ open: false, user: null });
          modal.success({
            title: `已新建用户“${user.displayName}”`,
            width: 480,
            okText: '完成',
            content: <IssuedPassword username={user.username} password={password} />,
          });
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <SetRolesModal user={settingRoles} onClose={() => setSettingRoles(null)} />
    </>
  );
}
