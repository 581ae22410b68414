import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/context.ts';
import { safeRedirect } from '../auth/RequireAuth.tsx';
import { BrandMark } from '../components/BrandMark.tsx';
import { useIsMobile } from '../layout/useIsMobile.ts';
import { BRAND_COLOR, BRAND_DARK } from '../theme.ts';

type Credentials = { username: string; password: string };

/** The sign-in screen; after success it returns the caller to where they were going. */
export function LoginPage() {
  const { me, logIn, notice } = useAuth();
  const isMobile = useIsMobile();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const redirect = safeRedirect(params.get('redirect'));

  if (me) return <Navigate to={redirect} replace />;

  const onFinish = async ({ username, password }: Credentials) => {
    setError(null);
    setSubmitting(true);
    try {
      await logIn(username.trim(), password);
      navigate(redirect, { replace: true });
    } catch (err) {
      setError((err as Error).message);
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: `linear-gradient(180deg, ${BRAND_DARK} 0, ${BRAND_COLOR} 260px, #eef2f8 260px, #f5f7fa 100%)`,
      }}
    >
      <main
        style={{
          flex: 1,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          padding: isMobile ? '32px 12px 16px' : '56px 16px 24px',
        }}
      >
        <header
          style={{
            display: 'flex',
            flexDirection: isMobile ? 'column' : 'row',
            alignItems: 'center',
            textAlign: isMobile ? 'center' : 'left',
            gap: isMobile ? 10 : 14,
            color: '#fff',
            marginBottom: isMobile ? 20 : 28,
          }}
        >
          <BrandMark size={48} inverse />
          <div>
            <h1
              style={{
                margin: 0,
                fontSize: isMobile ? 21 : 26,
                fontWeight: 600,
                letterSpacing: isMobile ? 1 : 2,
                color: '#fff',
              }}
            >
              信报 · 政务信息工作平台
            </h1>
            <div style={{ marginTop: 4, fontSize: 14, opacity: 0.85 }}>
              政务信息报送、编辑、刊发与考评一体化平台
            </div>
          </div>
        </header>
        <Card
          style={{ width: '100%', maxWidth: 400, boxShadow: '0 6px 24px rgba(0, 21, 41, 0.12)' }}
          styles={{ body: { padding: isMobile ? '24px 20px 12px' : '32px 32px 16px' } }}
        >
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 24, textAlign: 'center' }}>
            用户登录
          </Typography.Title>
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} />
          ) : (
            notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 20 }} />
          )}
          <Form<Credentials> size="large" onFinish={onFinish} autoComplete="on" requiredMark={false}>
            <Form.Item
              name="username"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder="用户名"
                autoComplete="username"
                autoFocus
                maxLength={64}
              />
            </Form.Item>
            <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder="密码"
                autoComplete="current-password"
                maxLength={128}
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph
            type="secondary"
            style={{ fontSize: 12, textAlign: 'center', marginBottom: 8 }}
          >
            忘记密码或账号被锁定，请联系本单位系统管理员
          </Typography.Paragraph>
        </Card>
      </main>
      <footer
        style={{ textAlign: 'center', padding: '16px', fontSize: 12, color: '#8c8c8c', lineHeight: 1.8 }}
      >
        <div>信报 · 政务信息工作平台　仅限授权用户使用，操作全程留痕</div>
        <div>建议使用 Chrome、Edge 或 360 安全浏览器（极速模式）访问</div>
      </footer>
    </div>
  );
}
