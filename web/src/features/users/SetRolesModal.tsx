import { Alert, App, Checkbox, Divider, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS } from '../../../../server/lib/roles.ts';
import { roleSetViolation } from '../../../../server/modules/users/role-rules.ts';
import type { Role } from '../../auth/types.ts';
import { errorMessage, isStaleVersion } from '../orgs/formErrors.ts';
import { useSetRoles } from './api.ts';
import type { User } from './types.ts';

type Props = { user: User | null; onClose: () => void };

const isAdmin = (r: Role) => ADMIN_ROLES.includes(r);

/**
 * 设置角色 (security administrator). Separation of duties is applied as the boxes are ticked:
 * an admin role clears every other role, a business role clears the admin role.
 */
export function SetRolesModal({ user, onClose }: Props) {
  const { message } = App.useApp();
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<string | null>(null);
  const setRolesMutation = useSetRoles();

  useEffect(() => {
    if (!user) return;
    setRoles(user.roles);
    setError(null);
  }, [user]);

  const toggle = (role: Role, checked: boolean) => {
    if (!checked) return setRoles(roles.filter((r) => r !== role));
    if (isAdmin(role)) return setRoles([role]);
    setRoles([...roles.filter((r) => !isAdmin(r)), role]);
  };

  const violation = roleSetViolation(roles);

  const submit = async () => {
    if (!user || violation) return;
    setError(null);
    try {
      await setRolesMutation.mutateAsync({ id: user.id, roles, version: user.version });
      message.success(`已更新 ${user.displayName} 的角色`);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning(errorMessage(err));
        onClose();
        return;
      }
      setError(errorMessage(err));
    }
  };

  const group = (title: string, list: readonly Role[]) => (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <Space wrap size={[16, 8]}>
          {list.map((r) => (
            <Checkbox key={r} checked={roles.includes(r)} onChange={(e) => toggle(r, e.target.checked)}>
              {ROLE_LABELS[r]}
            </Checkbox>
          ))}
        </Space>
      </div>
    </div>
  );

  return (
    <Modal
      open={!!user}
      title="设置角色"
      okText="保存"
      cancelText="取消"
      onOk={submit}
      okButtonProps={{ disabled: !!violation }}
      onCancel={onClose}
      confirmLoading={setRolesMutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        用户：<strong>{user?.displayName}</strong>（{user?.username}）
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        title="三员分立"
        description="系统管理员、安全管理员、审计员三种管理角色互相排斥，且不能与任何业务角色兼任。勾选一种管理角色会清除其他全部角色；勾选业务角色会清除管理角色。"
        style={{ marginBottom: 16 }}
      />
      {group('业务角色', BUSINESS_ROLES)}
      <Divider style={{ margin: '16px 0' }} />
      {group('管理角色', ADMIN_ROLES)}
      {roles.length === 0 && (
        <Alert
          type="warning"
          showIcon
          title="未分配任何角色的账号登录后没有可用功能"
          style={{ marginTop: 16 }}
        />
      )}
      {(violation || error) && (
        <Alert type="error" showIcon title={violation ?? error} style={{ marginTop: 16 }} />
      )}
    </Modal>
  );
}
