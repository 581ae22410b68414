import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, type MenuProps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/context.ts';
import { CHANGE_PASSWORD_PATH } from '../auth/RequireAuth.tsx';

/** The caller's name in the top bar, opening 修改密码 and 退出登录. */
export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const { logOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.5, cursor: 'default' }}>
          <Typography.Text strong>{me.user.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{me.user.username}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') navigate(CHANGE_PASSWORD_PATH);
    if (key === 'logout') {
      try {
        await logOut();
        message.success('已退出登录');
      } catch (err) {
        message.error((err as Error).message);
      }
      navigate('/login', { replace: true });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <button
        type="button"
        aria-label="用户菜单"
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          height: 40,
          padding: '0 8px',
          background: 'transparent',
          border: 'none',
          color: '#fff',
          cursor: 'pointer',
          font: 'inherit',
        }}
      >
        <Avatar
          size={28}
          style={{ background: 'rgba(255,255,255,0.2)', flex: 'none' }}
          icon={<UserOutlined />}
        />
        <span
          style={{
            maxWidth: compact ? 88 : 160,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {me.user.displayName}
        </span>
        <DownOutlined style={{ fontSize: 10 }} />
      </button>
    </Dropdown>
  );
}
