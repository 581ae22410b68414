import { Alert, App, Form, Modal, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useMoveOrg, useOrgs } from './api.ts';
import { applyServerErrors, isStaleVersion } from './formErrors.ts';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import { subtreeIds } from './tree.ts';
import type { Org } from './types.ts';

type Props = { org: Org | null; onClose: () => void };

/** 调整上级: re-parents an org under another active office (never under its own subtree). */
export function MoveOrgModal({ org, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const { data: orgs } = useOrgs();
  const move = useMoveOrg();
  const excluded = useMemo(() => (org && orgs ? subtreeIds(orgs, org.id) : undefined), [org, orgs]);

  useEffect(() => {
    if (!org) return;
    setFormError(null);
    form.setFieldsValue({ parentId: org.parentId ?? undefined });
  }, [org, form]);

  const submit = async () => {
    if (!org) return;
    let parentId: string;
    try {
      ({ parentId } = await form.validateFields());
    } catch {
      return;
    }
    try {
      await move.mutateAsync({ id: org.id, parentId, version: org.version });
      message.success(`已将“${org.name}”调整到新的上级单位`);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning((err as Error).message);
        onClose();
        return;
      }
      setFormError(applyServerErrors(form, err, ['parentId']));
    }
  };

  return (
    <Modal
      open={!!org}
      title="调整上级"
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>
        单位：<strong>{org?.name}</strong>
        <br />
        当前上级：{org?.parentName ?? '无'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="org-move">
        <Form.Item
          name="parentId"
          label="新的上级单位"
          rules={[{ required: true, message: '请选择新的上级单位' }]}
        >
          <OrgTreeSelect
            officesOnly
            excludeIds={excluded}
            placeholder="请选择上级办公室"
            allowClear={false}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        调整后，该单位今后报送的信息将报送到新的上级办公室；已报送的信息不受影响。
      </Typography.Text>
    </Modal>
  );
}
