import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/context.ts';
import { applyServerErrors, isStaleVersion } from '../orgs/formErrors.ts';
import { MemberUnitSelect } from '../orgs/MemberUnitSelect.tsx';
import { type Commission, useCreateCommission, useUpdateCommission } from './api.ts';
import { deadlineFromLabel, deadlineToServer } from './labels.tsx';

type Values = {
  topic: string;
  requirements: string;
  deadline: Dayjs;
  unitIds: string[];
  contactName: string;
  contactPhone: string;
};

const FIELDS = ['topic', 'requirements', 'deadline', 'unitIds', 'contactName', 'contactPhone'] as const;

/** 17:00 of a day: the usual close of business a deadline falls on. */
const at17 = (d: Dayjs) => d.hour(17).minute(0).second(0).millisecond(0);

/** A deadline-related refusal without field details (e.g. 报送截止时间已过) belongs beside the picker. */
const fieldOfMessage = (message: string) =>
  message.includes('截止') ? 'deadline' : message.includes('单位') ? 'unitIds' : null;

/**
 * 新建约稿 and 修改约稿 (a draft): topic, requirements, the deadline (date and time, 17:00 by
 * default), the member units asked, and the office's contact. A new one opens as a draft; the
 * edit sends the version read, and a 409 shows the server's message while the page reloads.
 */
export function CommissionFormModal({
  open,
  commission,
  onClose,
}: {
  open: boolean;
  /** The draft to edit; none to draft a new one. */
  commission?: Commission;
  onClose: () => void;
}) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateCommission();
  const update = useUpdateCommission();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [alert, setAlert] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  const initialValues: Partial<Values> = commission
    ? {
        topic: commission.topic,
        requirements: commission.requirements,
        deadline: deadlineFromLabel(commission.deadlineLabel),
        unitIds: commission.targets.map((t) => t.unit.id),
        contactName: commission.contactName,
        contactPhone: commission.contactPhone,
      }
    : {
        deadline: at17(dayjs().add(7, 'day')),
        contactName: me.user.displayName,
        contactPhone: me.user.phone ?? '',
      };

  const submit = async () => {
    const v = await form.validateFields();
    setAlert(null);
    const body = {
      topic: v.topic.trim(),
      requirements: v.requirements.trim(),
      deadline: deadlineToServer(v.deadline),
      contactName: v.contactName.trim(),
      contactPhone: v.contactPhone.trim(),
      unitIds: v.unitIds,
    };
    const onError = (err: Error) => {
      if (isStaleVersion(err)) {
        message.error(err.message);
        onClose();
        return;
      }
      setAlert(applyServerErrors(form, err, FIELDS, fieldOfMessage));
    };
    if (commission) {
      update.mutate(
        { id: commission.id, version: commission.version, ...body },
        {
          onSuccess: () => {
            message.success('约稿草稿已保存');
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (created) => {
          message.success('约稿草稿已保存，核对后点“签发下发”通知各单位');
          onClose();
          navigate(`/commissions/${created.id}`);
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open={open}
      title={commission ? '修改约稿' : '新建约稿'}
      okText={commission ? '保存' : '保存草稿'}
      onOk={() => void submit()}
      confirmLoading={pending}
      onCancel={onClose}
      afterClose={() => setAlert(null)}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        保存后为草稿，签发下发时编号并通知约稿单位；通知单标题为“关于报送××信息的约稿通知”。
      </Typography.Paragraph>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="commission-form"
        preserve={false}
        initialValues={initialValues}
      >
        <Form.Item
          name="topic"
          label="约稿主题"
          rules={[{ required: true, whitespace: true, message: '请填写约稿主题' }]}
          extra="如：一季度经济运行情况、防汛工作进展"
        >
          <Input maxLength={100} showCount placeholder="约稿的信息主题" />
        </Form.Item>
        <Form.Item
          name="requirements"
          label="约稿要求"
          rules={[{ required: true, whitespace: true, message: '请填写约稿要求' }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={5000}
            showCount
            placeholder="报送内容、字数、材料要求等，如：请围绕……报送1至2篇信息，每篇不超过1500字，附典型做法和数据。"
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="报送截止时间"
          rules={[{ required: true, message: '请选择报送截止时间' }]}
          extra="到期前一天上午提醒未答复的单位，逾期标红。"
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5, defaultOpenValue: at17(dayjs()) }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            onChange={(d: Dayjs | null) => {
              // A day picked without a time falls at 17:00.
              if (d && d.hour() === 0 && d.minute() === 0) form.setFieldValue('deadline', at17(d));
            }}
          />
        </Form.Item>
        <Form.Item
          name="unitIds"
          label="约稿单位"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一个约稿单位' }]}
        >
          <MemberUnitSelect multiple style={{ width: '100%' }} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="contactName"
            label="联系人"
            style={{ flex: '1 1 180px' }}
            rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            style={{ flex: '1 1 180px' }}
            rules={[
              { required: true, whitespace: true, message: '请填写联系电话' },
              {
                pattern: /^[0-9+\-\s()（）转,，/]+$/,
                message: '联系电话只能包含数字、“-”、空格、括号和“转”',
              },
            ]}
          >
            <Input maxLength={40} placeholder="如：0358-7221000" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
