import { Alert, App, Button, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { BUSINESS_ROLES } from '../../../../server/lib/roles.ts';
import { useMe } from '../../auth/context.ts';
import { applyServerErrors } from '../orgs/formErrors.ts';
import { useResetPassword } from './api.ts';
import { IssuedPassword } from './IssuedPassword.tsx';
import { PasswordInput } from './PasswordInput.tsx';
import { generatePassword, passwordProblem } from './password.ts';
import type { User } from './types.ts';
import { usePasswordPolicy } from './usePasswordPolicy.ts';

type Props = { user: User | null; onClose: () => void };

/**
 * 重置密码: sets a temporary password (which also unlocks the account and ends its sessions);
 * the user must change it at the next login. Reset by the system administrator, the account's
 * business roles wait for the security administrator's confirmation again (三员分立).
 */
export function ResetPasswordModal({ user, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const [issued, setIssued] = useState<string | null>(null);
  const policy = usePasswordPolicy();
  const reset = useResetPassword();
  const me = useMe();
  const suspends =
    me.user.roles.includes('sysadmin') && !!user?.roles.some((r) => BUSINESS_ROLES.includes(r));

  useEffect(() => {
    if (!user) return;
    setFormError(null);
    setIssued(null);
    form.setFieldsValue({ password: generatePassword(policy, user.username) });
  }, [user, form, policy]);

  const submit = async () => {
    if (!user) return;
    let password: string;
    try {
      ({ password } = await form.validateFields());
    } catch {
      return;
    }
    setFormError(null);
    try {
      await reset.mutateAsync({ id: user.id, password });
      message.success(`已重置 ${user.displayName} 的密码`);
      setIssued(password);
    } catch (err) {
      setFormError(
        applyServerErrors(form, err, ['password'], (m) => (m.includes('密码') ? 'password' : null)),
      );
    }
  };

  return (
    <Modal
      open={!!user}
      title="重置密码"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        issued
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={reset.isPending} onClick={submit}>
                重置密码
              </Button>,
            ]
      }
    >
      {user && issued ? (
        <IssuedPassword username={user.username} password={issued} />
      ) : (
        <>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Typography.Paragraph>
            为 <strong>{user?.displayName}</strong>（{user?.username}
            ）设置一个临时密码。重置后该账号的锁定将被解除、 已登录的会话全部退出，用户下次登录时须修改密码。
          </Typography.Paragraph>
          {suspends && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="该账号的业务角色将暂停，须由安全管理员在“待确认授权”中重新确认后才能使用（三员分立）。"
            />
          )}
          <Form form={form} layout="vertical" name="reset-password">
            <Form.Item
              name="password"
              label="新的临时密码"
              rules={[
                { required: true, message: '请输入新的临时密码，或点击“随机生成”' },
                {
                  validator: (_, v?: string) => {
                    const problem = v ? passwordProblem(v, policy, user?.username) : null;
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <PasswordInput username={user?.username} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
