import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';

/**
 * Loads a versioned settings record (GET `url`), fills the form with it and saves it back (PUT with
 * the version read). A 409 — someone else saved first — reloads the record so the user sees what
 * they would overwrite before saving again.
 */
export function useVersionedSetting<
  T extends object,
  /** What GET and PUT answer: the fields of T, the version, and whatever else the screen shows. */
  R extends T & { version: number } = T & { version: number },
>(opts: { queryKey: readonly unknown[]; url: string; savedMessage: string; onSaved?: () => void }) {
  const query = useQuery({
    queryKey: opts.queryKey,
    queryFn: () => api<R>('GET', opts.url),
  });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const [saving, setSaving] = useState(false);
  const current = query.data;

  useEffect(() => {
    // antd types setFieldsValue with a recursive partial that a generic T cannot satisfy.
    if (current) form.setFieldsValue(current as Parameters<typeof form.setFieldsValue>[0]);
  }, [current, form]);

  const save = async (values: T) => {
    if (!current) return;
    setSaving(true);
    try {
      const saved = await api<R>('PUT', opts.url, {
        ...values,
        version: current.version,
      });
      queryClient.setQueryData(opts.queryKey, saved);
      opts.onSaved?.();
      message.success(opts.savedMessage);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.error(`保存失败：${err.message}。已重新载入最新设置，请核对后再保存。`);
        void query.refetch();
      } else {
        message.error(`保存失败：${(err as Error).message}`);
      }
    } finally {
      setSaving(false);
    }
  };

  const reset = () => {
    if (current) form.setFieldsValue(current as Parameters<typeof form.setFieldsValue>[0]);
  };

  return { query, current, form, saving, save, reset };
}

/** One whole-number setting with its bounds; the server checks the same bounds again. */
export type NumberSetting<K extends string> = {
  name: K;
  label: string;
  unit: string;
  min: number;
  max: number;
  help: ReactNode;
  /** How validation messages name it, when the label alone is too short (紧急信息 → 紧急信息时限). */
  ruleName?: string;
};

/** The form row of a whole-number setting: label, unit, help text and the bounds as rules. */
export function NumberSettingItem<K extends string>({
  field,
  width,
}: {
  field: NumberSetting<K>;
  width: number;
}) {
  const name = field.ruleName ?? field.label;
  return (
    <Form.Item
      name={field.name as string}
      label={field.label}
      extra={field.help}
      rules={[
        { required: true, message: `请填写${name}` },
        {
          type: 'integer',
          min: field.min,
          max: field.max,
          message: `${name}应为 ${field.min}–${field.max} 的整数`,
        },
      ]}
    >
      <InputNumber<number>
        min={field.min}
        max={field.max}
        precision={0}
        suffix={field.unit}
        style={{ width }}
        aria-label={field.label}
      />
    </Form.Item>
  );
}
