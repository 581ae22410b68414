import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/context.ts';
import { membershipLine } from '../auth/membership.ts';
import { RoleTags } from '../components/RoleTags.tsx';
import { useLatestNotices } from '../features/assessment/notices/api.ts';
import { LatestNoticesCard } from '../features/assessment/notices/LatestNoticesCard.tsx';
import { TodoSection } from '../features/home/TodoSection.tsx';
import { CurrentTopicsCard } from '../features/topics/CurrentTopicsCard.tsx';
import { formatDateTime, formatDocDate } from '../format.ts';
import { menuIcon } from '../layout/menuIcons.tsx';
import { BRAND_COLOR } from '../theme.ts';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

/** What waits for the caller, who they are and what their roles let them do, each a link to the screen. */
export function HomePage() {
  const me = useMe();
  const { user, menu } = me;
  const now = dayjs();
  const otherUnits = user.units.filter((u) => u.id !== user.primaryUnit?.id);
  const isUnit = user.roles.some((r) => r === 'reporter' || r === 'unit_signer');
  // Left out of the column (not just empty) until a notice of the unit's office is issued.
  const latestNotices = useLatestNotices(isUnit).data ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {greeting(now.hour())}，{user.displayName}
        </Typography.Title>
        <Typography.Text type="secondary">
          今天是{formatDocDate(now.toDate())} {now.format('dddd')}
        </Typography.Text>
      </div>

      <TodoSection roles={user.roles} />

      {latestNotices.length > 0 && <LatestNoticesCard notices={latestNotices} />}

      {isUnit && <CurrentTopicsCard hideWhenEmpty />}

      <Card title="我的信息">
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3 }} size="small">
          <Descriptions.Item label="姓名">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
          <Descriptions.Item label="单位">
            {user.primaryUnit ? (
              <span>
                {membershipLine(user)}
                {otherUnits.length > 0 && (
                  <Typography.Text type="secondary">
                    （兼：{otherUnits.map((u) => u.shortName || u.name).join('、')}）
                  </Typography.Text>
                )}
              </span>
            ) : (
              <Typography.Text type="secondary">未关联单位</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="角色">
            <span>
              <RoleTags roles={user.roles} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="上次登录">
            {user.previousLogin ? (
              <span>
                {formatDateTime(user.previousLogin.at)}
                {user.previousLogin.ip && (
                  <Typography.Text type="secondary">（IP {user.previousLogin.ip}）</Typography.Text>
                )}
              </span>
            ) : (
              <Typography.Text type="secondary">本次为首次登录</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="我的工作">
        {menu.length === 0 ? (
          <Empty description="当前账号暂无可用功能。如需开通，请联系系统管理员分配角色。" />
        ) : (
          <Row gutter={[16, 16]}>
            {menu.map((m) => (
              <Col key={m.key} xs={24} sm={12} xl={8}>
                <Link to={m.path} aria-label={m.label} style={{ display: 'block', height: '100%' }}>
                  <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { padding: 16 } }}>
                    <div style={{ display: 'flex', gap: 14, alignItems: 'flex-start' }}>
                      <span
                        style={{
                          flex: 'none',
                          width: 40,
                          height: 40,
                          borderRadius: 6,
                          background: '#e8eef8',
                          color: BRAND_COLOR,
                          fontSize: 20,
                          display: 'inline-flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                        }}
                      >
                        {menuIcon(m.key)}
                      </span>
                      <div style={{ minWidth: 0, flex: 1 }}>
                        <div style={{ fontSize: 15, fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>
                          {m.label}
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {m.description}
                        </Typography.Text>
                      </div>
                      <RightOutlined style={{ color: '#bfbfbf', marginTop: 12 }} />
                    </div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Space>
  );
}
