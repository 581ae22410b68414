import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useDeactivateOrg } from './api.ts';
import { applyServerErrors, isStaleVersion } from './formErrors.ts';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import type { Org } from './types.ts';

type Values = { validTo: Dayjs; reason: string; successorId?: string };

type Props = { org: Org | null; onClose: () => void };

/**
 * 停用: a unit is never deleted; it gets a 失效日期 and a reason, and for a renamed or merged
 * unit the 继任单位 that carries on its work, so history keeps pointing somewhere.
 */
export function DeactivateOrgModal({ org, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const deactivate = useDeactivateOrg();
  const self = useMemo(() => (org ? new Set([org.id]) : undefined), [org]);

  useEffect(() => {
    if (!org) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue({ validTo: dayjs() });
  }, [org, form]);

  const submit = async () => {
    if (!org) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await deactivate.mutateAsync({
        id: org.id,
        validTo: values.validTo.format('YYYY-MM-DD'),
        reason: values.reason.trim(),
        successorId: values.successorId || undefined,
        version: org.version,
      });
      message.success(`已停用“${org.name}”`);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning((err as Error).message);
        onClose();
        return;
      }
      setFormError(applyServerErrors(form, err, ['validTo', 'reason', 'successorId']));
    }
  };

  return (
    <Modal
      open={!!org}
      title="停用单位"
      okText="停用"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={deactivate.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>
        将停用 <strong>{org?.name}</strong>（{org?.code}
        ）。停用后该单位不能再报送信息，其历史信息与考核记录保留。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="org-deactivate">
        <Form.Item name="validTo" label="失效日期" rules={[{ required: true, message: '请选择失效日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="停用原因"
          rules={[
            { required: true, whitespace: true, message: '请填写停用原因' },
            { max: 500, message: '不能超过 500 个字' },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder="如 机构改革，更名为…… / 并入…… / 撤销"
          />
        </Form.Item>
        <Form.Item name="successorId" label="继任单位" extra="单位更名或合并时选择承接其工作的单位，可不填">
          <OrgTreeSelect excludeIds={self} placeholder="请选择继任单位" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
