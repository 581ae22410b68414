import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { applyServerErrors, errorMessage } from '../../orgs/formErrors.ts';
import { MemberUnitSelect } from '../../orgs/MemberUnitSelect.tsx';
import { type Adjustment, signedText, useAdjustmentMutations } from './api.ts';

/** The most one registration may add or take off (server: ADJUSTMENT_LIMIT). */
const LIMIT = 1000;
const AMOUNT = /^\d+(\.\d{1,4})?$/;

type Values = {
  unitId: string;
  on: Dayjs;
  direction: 'add' | 'deduct';
  points: string;
  reason: string;
  basis?: string;
};

const FIELDS = ['unitId', 'on', 'points', 'reason', 'basis'] as const;

/** A business refusal without field details, placed by what it speaks of. */
const fieldOfMessage = (m: string) =>
  m.includes('计分日期') ? 'on' : m.includes('单位') ? 'unitId' : m.includes('分值') ? 'points' : null;

/** Positive, at most four decimals, at most 1000: what the server takes once signed. */
function checkAmount(_: unknown, value: string | number | null | undefined) {
  const v = value === null || value === undefined ? '' : String(value).trim();
  if (!v) return Promise.reject(new Error('请填写分值'));
  if (!AMOUNT.test(v)) return Promise.reject(new Error('分值须为正数，最多四位小数'));
  if (Number(v) === 0) return Promise.reject(new Error('分值须大于0'));
  if (Number(v) > LIMIT) return Promise.reject(new Error(`一次加减分不能超过${LIMIT}分`));
  return Promise.resolve();
}

/** "2.50" → "2.5", "03" → "3": the amount as the server writes it back. */
const tidy = (v: string) => {
  const [whole = '0', frac = ''] = v.trim().split('.');
  const f = frac.replace(/0+$/, '');
  return `${String(Number(whole))}${f ? `.${f}` : ''}`;
};

/**
 * 登记加减分: the office's 信息科 adds points to or takes them off one of its units, on a day
 * (today by default, never a future one), with the reason and, when there is one, the document
 * it rests on. It counts in every ranking whose period holds the day; the unit is told.
 */
export function RegisterAdjustmentModal({
  open,
  officeId,
  officeName,
  onClose,
}: {
  open: boolean;
  officeId: string;
  officeName?: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { register } = useAdjustmentMutations();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const direction = Form.useWatch('direction', form);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const amount = tidy(String(v.points));
    register.mutate(
      {
        officeId,
        unitId: v.unitId,
        on: v.on.format('YYYY-MM-DD'),
        points: v.direction === 'deduct' ? `-${amount}` : amount,
        reason: v.reason.trim(),
        basis: v.basis?.trim() || undefined,
      },
      {
        onSuccess: (saved) => {
          message.success(`已登记：${saved.unitName} ${signedText(saved.points)} 分，已通知该单位`);
          onClose();
        },
        onError: (err) => setError(applyServerErrors(form, err, FIELDS, fieldOfMessage)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="登记加减分"
      okText="登记"
      cancelText="取消"
      onOk={() => void submit()}
      confirmLoading={register.isPending}
      onCancel={onClose}
      afterOpenChange={(visible) => !visible && setError(null)}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        登记后计入{officeName ?? '本办公室'}当期考评得分，并通知该单位；登记有误可撤销，记录保留。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="register-adjustment"
        preserve={false}
        initialValues={{ on: dayjs(), direction: 'add' }}
      >
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <MemberUnitSelect placeholder="请选择单位" />
        </Form.Item>
        <Form.Item
          name="on"
          label="计分日期"
          extra="计入该日期所在期间的考评。"
          rules={[{ required: true, message: '请选择计分日期' }]}
        >
          <DatePicker
            allowClear={false}
            style={{ width: 200 }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs('2000-01-01'), 'day')}
          />
        </Form.Item>
        <Form.Item label="分值" required style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <Form.Item name="direction" noStyle>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'add', label: '加分' },
                  { value: 'deduct', label: '减分' },
                ]}
              />
            </Form.Item>
            <Form.Item name="points" rules={[{ validator: checkAmount }]} style={{ marginBottom: 24 }}>
              <InputNumber<string>
                aria-label="分值"
                stringMode
                min="0"
                step="1"
                placeholder={direction === 'deduct' ? '减几分，如 1' : '加几分，如 2'}
                suffix="分"
                style={{ width: 180 }}
              />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item
          name="reason"
          label="事由"
          rules={[
            { required: true, whitespace: true, message: '请填写加减分事由' },
            { max: 200, message: '事由不能超过 200 个字' },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={200}
            showCount
            placeholder="如：信息工作获市政府通报表扬"
          />
        </Form.Item>
        <Form.Item name="basis" label="依据" rules={[{ max: 100, message: '依据不能超过 100 个字' }]}>
          <Input maxLength={100} placeholder="如：汾政办发〔2026〕3号（选填）" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="adjustment-error" />}
    </Modal>
  );
}

/**
 * 撤销 a registration: asks why (the record stays, greyed, with who revoked it and why) and sends
 * the version read; a 409 (revoked or changed meanwhile) shows the server's message and the list
 * reloads.
 */
export function RevokeAdjustmentModal({ row, onClose }: { row: Adjustment | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { revoke } = useAdjustmentMutations();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!row) return;
    const v = await form.validateFields();
    setError(null);
    revoke.mutate(
      { id: row.id, reason: v.reason.trim(), version: row.version },
      {
        onSuccess: () => {
          message.success('已撤销，不再计入考评得分');
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) {
            message.error(err.message);
            onClose();
            return;
          }
          setError(applyServerErrors(form, err, ['reason']) ?? errorMessage(err));
        },
      },
    );
  };

  return (
    <Modal
      open={!!row}
      title="撤销加减分登记"
      okText="撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={() => void submit()}
      confirmLoading={revoke.isPending}
      onCancel={onClose}
      afterOpenChange={(visible) => !visible && setError(null)}
      destroyOnHidden
      maskClosable={false}
      width={520}
    >
      {row && (
        <Typography.Paragraph>
          {row.on} {row.unitName} <b>{signedText(row.points)} 分</b>：{row.reason}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            撤销后不再计入考评得分，记录保留并注明撤销人和理由；该单位将收到通知。
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="revoke-adjustment" preserve={false}>
        <Form.Item
          name="reason"
          label="撤销理由"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销理由' },
            { max: 200, message: '撤销理由不能超过 200 个字' },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={200}
            showCount
            placeholder="如：登记单位有误"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
