import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useAuth, useMe } from '../auth/context.ts';
import { PageHeader } from '../components/PageHeader.tsx';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** Same four classes the server counts (server/modules/auth/password.ts). */
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Changing one's own password; forced after the first login and after a reset by an admin. */
export function ChangePasswordPage() {
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const minLength = me.passwordPolicy?.minLength ?? 8;
  const minClasses = me.passwordPolicy?.minClasses ?? 3;
  const hint = `密码长度至少 ${minLength} 位，须包含大写字母、小写字母、数字、特殊字符中的至少 ${minClasses} 类，且不能包含用户名。`;

  const onFinish = async (values: Values) => {
    setError(null);
    setSaving(true);
    try {
      await api('POST', '/api/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      message.success('密码已修改');
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const checkPolicy = (_: unknown, value: string | undefined) => {
    if (!value) return Promise.resolve();
    if (value.length < minLength) return Promise.reject(new Error(`密码长度至少 ${minLength} 位`));
    if (CLASSES.filter((re) => re.test(value)).length < minClasses) {
      return Promise.reject(new Error(`须包含大写字母、小写字母、数字、特殊字符中的至少 ${minClasses} 类`));
    }
    if (value.toLowerCase().includes(me.user.username.toLowerCase())) {
      return Promise.reject(new Error('密码不能包含用户名'));
    }
    return Promise.resolve();
  };

  return (
    <div style={{ maxWidth: 560 }}>
      <PageHeader title="修改密码" description="修改后，本账号在其他设备上的登录将被注销。" />
      {me.user.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已被重置，请先修改密码"
          style={{ marginBottom: 16 }}
        />
      )}
      <Card>
        <Alert type="info" showIcon title={hint} style={{ marginBottom: 24 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label="当前密码"
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[{ required: true, message: '请输入新密码' }, { validator: checkPolicy }]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              确认修改
            </Button>
            {!me.user.mustChangePassword && (
              <Button style={{ marginInlineStart: 8 }} onClick={() => navigate(-1)}>
                取消
              </Button>
            )}
          </Form.Item>
        </Form>
      </Card>
    </div>
  );
}
