import { Alert, App, Checkbox, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { BUSINESS_ROLES, ROLE_LABELS } from '../../../../server/lib/roles.ts';
import { PHONE_MESSAGE, PHONE_PATTERN } from '../../../../server/modules/users/phone.ts';
import type { Role } from '../../auth/types.ts';
import { useOrgs } from '../orgs/api.ts';
import { applyServerErrors, isStaleVersion } from '../orgs/formErrors.ts';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect.tsx';
import { useCreateUser, useUpdateUser } from './api.ts';
import { PasswordInput } from './PasswordInput.tsx';
import { passwordProblem } from './password.ts';
import type { User } from './types.ts';
import { usePasswordPolicy } from './usePasswordPolicy.ts';

type Values = {
  username: string;
  displayName: string;
  phone?: string;
  email?: string;
  unitIds: string[];
  primaryUnitId?: string;
  roles: Role[];
  password: string;
};

const FIELDS = ['username', 'displayName', 'phone', 'email', 'unitIds', 'primaryUnitId', 'roles', 'password'];

type Props = {
  open: boolean;
  /** The account being edited, or null to create one. */
  user: User | null;
  onClose: () => void;
  /** After a create: the new account and the initial password to pass on. */
  onCreated?: (user: User, password: string) => void;
};

/** 新建用户 / 编辑用户. Roles of an existing account are the security administrator's (设置角色). */
export function UserFormModal({ open, user, onClose, onCreated }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const policy = usePasswordPolicy();
  const { data: orgs } = useOrgs();
  const create = useCreateUser();
  const update = useUpdateUser();
  const unitIds = Form.useWatch('unitIds', form) as string[] | undefined;
  const username = Form.useWatch('username', form) as string | undefined;
  const currentUnitIds = useMemo(() => user?.units.map((u) => u.id) ?? [], [user]);

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        phone: user.phone ?? undefined,
        email: user.email ?? undefined,
        unitIds: user.units.map((u) => u.id),
        primaryUnitId: (user.units.find((u) => u.isPrimary) ?? user.units[0])?.id,
      });
    } else {
      form.setFieldsValue({ roles: ['reporter'], unitIds: [] });
    }
  }, [open, user, form]);

  // The primary unit must be one of the chosen units; with one unit there is nothing to choose.
  useEffect(() => {
    if (!unitIds) return;
    const primary = form.getFieldValue('primaryUnitId') as string | undefined;
    if (unitIds.length === 1 && primary !== unitIds[0]) form.setFieldValue('primaryUnitId', unitIds[0]);
    else if (primary && !unitIds.includes(primary)) form.setFieldValue('primaryUnitId', unitIds[0]);
  }, [unitIds, form]);

  const unitName = (id: string) =>
    orgs?.find((o) => o.id === id)?.name ?? user?.units.find((u) => u.id === id)?.name ?? id;

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    const phone = values.phone?.trim() || null;
    const email = values.email?.trim() || null;
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          displayName: values.displayName.trim(),
          phone,
          email,
          unitIds: values.unitIds,
          primaryUnitId: values.primaryUnitId,
          version: user.version,
        });
        message.success('用户信息已保存');
        onClose();
      } else {
        const created = await create.mutateAsync({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          phone,
          email,
          unitIds: values.unitIds,
          primaryUnitId: values.primaryUnitId!,
          roles: values.roles,
          password: values.password,
        });
        onCreated?.(created, values.password);
      }
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning((err as Error).message);
        onClose();
        return;
      }
      setFormError(
        applyServerErrors(form, err, FIELDS, (m) =>
          m.startsWith('用户名')
            ? 'username'
            : m.includes('密码')
              ? 'password'
              : m.includes('主单位')
                ? 'primaryUnitId'
                : m.includes('所属单位')
                  ? 'unitIds'
                  : m.includes('角色')
                    ? 'roles'
                    : null,
        ),
      );
    }
  };

  return (
    <Modal
      open={open}
      title={user ? '编辑用户' : '新建用户'}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" autoComplete="off" name="user-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label="用户名"
              extra={user ? '用户名创建后不能修改' : '登录时使用，3–32 位字母、数字、下划线、点或连字符'}
              rules={
                user
                  ? []
                  : [
                      { required: true, whitespace: true, message: '请输入用户名' },
                      { min: 3, max: 32, message: '用户名长度为 3–32 位' },
                      {
                        pattern: /^[A-Za-z0-9_.-]+$/,
                        message: '用户名只能包含字母、数字、下划线、点和连字符',
                      },
                    ]
              }
            >
              <Input disabled={!!user} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 50, message: '姓名不能超过 50 个字' },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label="联系电话"
              extra="手机号码，或带区号的固定电话（如 0358-7221234）"
              rules={[{ pattern: PHONE_PATTERN, message: PHONE_MESSAGE }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label="电子邮箱"
              rules={[
                { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: '邮箱格式不正确' },
                { max: 254, message: '邮箱过长' },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="unitIds"
              label="所属单位"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个所属单位' }]}
            >
              <OrgTreeSelect multiple alsoIds={currentUnitIds} placeholder="可选择多个单位" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="primaryUnitId"
              label="主单位"
              extra="信息以主单位名义报送"
              rules={[{ required: true, message: '请选择主单位' }]}
            >
              <Select
                placeholder={unitIds?.length ? '请选择' : '先选择所属单位'}
                disabled={!unitIds?.length}
                options={(unitIds ?? []).map((id) => ({ value: id, label: unitName(id) }))}
              />
            </Form.Item>
          </Col>
          {!user && (
            <>
              <Col span={24}>
                <Form.Item
                  name="roles"
                  label="业务角色"
                  extra="所选角色须经安全管理员在“待确认授权”中确认后生效（三员分立）；管理员角色（系统管理员、安全管理员、审计员）由安全管理员在“设置角色”中授予"
                  rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
                >
                  <Checkbox.Group
                    options={BUSINESS_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  name="password"
                  label="初始密码"
                  rules={[
                    { required: true, message: '请输入初始密码，或点击“随机生成”' },
                    {
                      validator: (_, v?: string) => {
                        const problem = v ? passwordProblem(v, policy, username?.trim()) : null;
                        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                      },
                    },
                  ]}
                >
                  <PasswordInput username={username?.trim()} />
                </Form.Item>
                <Typography.Text type="secondary">
                  用户首次登录时须修改初始密码。请通过安全渠道将用户名和初始密码告知本人。
                </Typography.Text>
              </Col>
            </>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
