import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { applyServerErrors, isStaleVersion } from '../orgs/formErrors.ts';
import { useSaveDictionaryEntry } from './api.ts';
import { DICTIONARY_LABELS, type DictionaryEntry, type DictionaryName } from './types.ts';

type Values = { code: string; label: string; sortOrder: number };

type Props = {
  open: boolean;
  dictionary: DictionaryName;
  /** The entry being edited, or null to add one. */
  entry: DictionaryEntry | null;
  /** A sort order after the last entry, for a new one. */
  nextSortOrder: number;
  onClose: () => void;
};

/** 新增 / 编辑 one dictionary entry. The code is fixed once created: records refer to it. */
export function DictionaryEntryModal({ open, dictionary, entry, nextSortOrder, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveDictionaryEntry();
  const name = DICTIONARY_LABELS[dictionary];

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(entry ? entry : { sortOrder: nextSortOrder });
  }, [open, entry, nextSortOrder, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      if (entry) {
        await save.mutateAsync({
          id: entry.id,
          label: values.label.trim(),
          sortOrder: values.sortOrder,
        });
      } else {
        await save.mutateAsync({
          dictionary,
          code: values.code.trim(),
          label: values.label.trim(),
          sortOrder: values.sortOrder,
        });
      }
      message.success(entry ? `${name}已保存` : `已新增${name}“${values.label.trim()}”`);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning((err as Error).message);
        onClose();
        return;
      }
      setFormError(
        applyServerErrors(form, err, ['code', 'label', 'sortOrder'], (m) =>
          m.includes('编码') ? 'code' : m.includes('名称') ? 'label' : null,
        ),
      );
    }
  };

  return (
    <Modal
      open={open}
      title={entry ? `编辑${name}` : `新增${name}`}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="dictionary-entry" autoComplete="off">
        <Form.Item
          name="code"
          label="编码"
          extra={entry ? '编码创建后不能修改' : '英文字母、数字或下划线，如 city_dept'}
          rules={
            entry
              ? []
              : [
                  { required: true, whitespace: true, message: '请输入编码' },
                  { pattern: /^[A-Za-z0-9_]{1,32}$/, message: '字典编码须为 1–32 位字母、数字或下划线' },
                ]
          }
        >
          <Input disabled={!!entry} />
        </Form.Item>
        <Form.Item
          name="label"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { max: 50, message: '名称不能超过 50 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="sortOrder"
          label="排序"
          extra="数字小的排在前面"
          rules={[{ required: true, message: '请输入排序' }]}
        >
          <InputNumber min={0} max={999999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
