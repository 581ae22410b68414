import { Button, Card, Col, Divider, Form, Row, Skeleton, Space, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  type NumberSetting,
  NumberSettingItem,
  useVersionedSetting,
} from '../../features/settings/versioned-setting.tsx';

type Policy = {
  passwordMinLength: number;
  passwordMinClasses: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
};
type Field = NumberSetting<keyof Policy>;

/** Bounds match the environment variables' (server/config.ts); the server checks them again. */
const SECTIONS: { title: string; fields: Field[] }[] = [
  {
    title: '密码策略',
    fields: [
      {
        name: 'passwordMinLength',
        label: '密码最小长度',
        unit: '位',
        min: 6,
        max: 64,
        help: '新设置或修改的密码不得短于此长度。等级保护要求一般不少于 8 位。',
      },
      {
        name: 'passwordMinClasses',
        label: '字符种类要求',
        unit: '类',
        min: 1,
        max: 4,
        help: '大写字母、小写字母、数字、特殊字符四类中至少须包含的种类数。',
      },
    ],
  },
  {
    title: '登录锁定',
    fields: [
      {
        name: 'lockoutThreshold',
        label: '连续失败次数',
        unit: '次',
        min: 1,
        max: 100,
        help: '密码连续输错达到此次数后锁定账号。',
      },
      {
        name: 'lockoutMinutes',
        label: '锁定时长',
        unit: '分钟',
        min: 1,
        max: 1440,
        help: '锁定期间无法登录；系统管理员可提前解锁。',
      },
    ],
  },
  {
    title: '会话超时',
    fields: [
      {
        name: 'sessionIdleMinutes',
        label: '空闲超时',
        unit: '分钟',
        min: 1,
        max: 1440,
        help: '超过此时间无任何操作，须重新登录。',
      },
      {
        name: 'sessionAbsoluteHours',
        label: '最长登录时长',
        unit: '小时',
        min: 1,
        max: 720,
        help: '自登录起无论是否有操作，到时须重新登录。',
      },
    ],
  },
];

const POLICY_KEY = ['settings', 'security-policy'] as const;

/** The security administrator's screen for password, lockout and session rules (等保 requirements). */
export function SecurityPolicyPage() {
  const {
    query,
    current: policy,
    form,
    saving,
    save,
    reset,
  } = useVersionedSetting<Policy>({
    queryKey: POLICY_KEY,
    url: '/api/settings/security-policy',
    savedMessage: '安全策略已保存，新的登录与密码修改即按此执行',
  });

  return (
    <>
      <PageHeader
        title="安全策略"
        description="密码复杂度、登录失败锁定与会话超时规则，保存后立即对所有账号生效，修改记入操作日志。"
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {policy && (
        <Card>
          <Form<Policy>
            form={form}
            layout="vertical"
            initialValues={policy}
            onFinish={save}
            requiredMark={false}
          >
            {SECTIONS.map((section, i) => (
              <div key={section.title}>
                {i > 0 && <Divider style={{ margin: '8px 0 16px' }} />}
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {section.title}
                </Typography.Title>
                <Row gutter={24}>
                  {section.fields.map((f) => (
                    <Col key={f.name} xs={24} md={12} xl={8}>
                      <NumberSettingItem field={f} width={180} />
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存
              </Button>
              <Button onClick={reset} disabled={saving}>
                恢复
              </Button>
            </Space>
          </Form>
        </Card>
      )}
    </>
  );
}
