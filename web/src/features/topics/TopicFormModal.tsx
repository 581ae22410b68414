import { Alert, App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import {
  periodPresets,
  type Topic,
  type TopicInput,
  type TopicRow,
  useCreateTopic,
  useUpdateTopic,
} from './api.ts';

type Values = { title: string; description?: string; period: [Dayjs, Dayjs]; sortOrder?: number | null };

/** Where the server's field names go on this form. */
const FIELD_OF: Record<string, keyof Values> = {
  title: 'title',
  description: 'description',
  periodStart: 'period',
  periodEnd: 'period',
  sortOrder: 'sortOrder',
};

/** Puts a 400's field messages under their fields; the rest (and any other failure) in the alert. */
function placeErrors(form: ReturnType<typeof Form.useForm<Values>>[0], err: unknown): string | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return errorMessage(err);
  const placed = (err.details as { path?: string; message?: string }[])
    .map((d) => ({ name: FIELD_OF[d.path?.split('/')[1] ?? ''], message: d.message ?? '' }))
    .filter((d): d is { name: keyof Values; message: string } => !!d.name && !!d.message);
  if (!placed.length) return err.message;
  form.setFields(placed.map((d) => ({ name: d.name, errors: [d.message] })));
  return null;
}

/**
 * 新建要点 and 编辑要点: the title, the 报送要求 the units read, the period (quick choices 本月 to
 * 本年) and the office's order. A new topic is a draft until 发布. The edit form sends the whole
 * text with the version read; a 409 (someone saved first) shows the server's message, closes and
 * the page reloads the topic.
 */
export function TopicFormModal({
  open,
  topic,
  onClose,
}: {
  open: boolean;
  /** The topic to edit; none to create one. */
  topic?: TopicRow | Topic;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreateTopic();
  const update = useUpdateTopic();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const editing = !!topic;

  const initialValues: Partial<Values> = topic
    ? {
        title: topic.title,
        description: topic.description,
        period: [dayjs(topic.periodStart), dayjs(topic.periodEnd)],
        sortOrder: topic.sortOrder,
      }
    : { sortOrder: 0 };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const input: TopicInput = {
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      periodStart: v.period[0].format('YYYY-MM-DD'),
      periodEnd: v.period[1].format('YYYY-MM-DD'),
      sortOrder: v.sortOrder ?? 0,
    };
    const onError = (err: Error) => {
      if (err instanceof ApiError && err.status === 409) {
        message.warning(err.message);
        onClose();
        return;
      }
      setError(placeErrors(form, err));
    };
    if (topic) {
      update.mutate(
        { ...input, id: topic.id, version: topic.version },
        {
          onSuccess: () => {
            message.success(topic.status === 'published' ? '已保存，各单位看到的是修改后的要点' : '已保存');
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          message.success('已新建草稿。确认无误后点“发布”，各单位将收到通知');
          onClose();
          navigate(`/topics/${created.id}`);
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? '编辑报送要点' : '新建报送要点'}
      okText="保存"
      cancelText="取消"
      onOk={() => void submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      afterOpenChange={(visible) => !visible && setError(null)}
      destroyOnHidden
      maskClosable={false}
      width={620}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name={editing ? 'edit-topic' : 'create-topic'}
        preserve={false}
        initialValues={initialValues}
      >
        <Form.Item
          name="title"
          label="要点标题"
          rules={[
            { required: true, whitespace: true, message: '请填写要点标题' },
            { max: 100, message: '要点标题不能超过 100 个字' },
          ]}
        >
          <Input maxLength={100} showCount placeholder="如：优化营商环境典型做法" />
        </Form.Item>
        <Form.Item
          name="description"
          label="报送要求"
          extra="各单位在报送要点列表和首页看到这段要求，选填。"
          rules={[{ max: 2000, message: '报送要求不能超过 2000 个字' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder="如：重点反映本单位在简化审批、降低成本方面的新举措、新成效，每月至少报送 1 条。"
          />
        </Form.Item>
        <Form.Item
          name="period"
          label="起止日期"
          rules={[{ required: true, message: '请选择起止日期' }]}
          extra="期间内各单位可按此要点报送信息；期间结束后不能再选用。"
        >
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            presets={periodPresets()}
            placeholder={['起始日期', '截止日期']}
            inputReadOnly
          />
        </Form.Item>
        <Form.Item
          name="sortOrder"
          label="排序号"
          extra="同一期间的要点按排序号从小到大排列。"
          rules={[{ type: 'integer', min: 0, max: 9999, message: '排序号须为 0 至 9999 的整数' }]}
        >
          <InputNumber min={0} max={9999} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
