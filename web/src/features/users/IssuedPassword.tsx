import { Descriptions, Typography } from 'antd';

/**
 * The user name and temporary password right after they were set: the only time the password
 * is shown, so the administrator can copy it and pass it on.
 */
export function IssuedPassword({ username, password }: { username: string; password: string }) {
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'u', label: '用户名', children: <Typography.Text copyable>{username}</Typography.Text> },
          {
            key: 'p',
            label: '临时密码',
            children: (
              <Typography.Text copyable code style={{ fontSize: 16 }}>
                {password}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        密码只显示这一次，关闭后无法再次查看。请通过安全渠道告知本人；用户登录后须立即修改密码。
      </Typography.Paragraph>
    </>
  );
}
