import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Select, Tooltip, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import type { GroupedOptions, Option } from './options.ts';

const DECIMAL = /^\d+(\.\d{1,4})?$/;

/** Validation of an amount field: a non-negative number with at most four decimals. */
export function amountRules(what: string, required = false): Rule[] {
  return [
    ...(required ? [{ required: true, message: `请填写${what}` }] : []),
    {
      validator: (_: unknown, v: unknown) =>
        v === null || v === undefined || v === '' || DECIMAL.test(String(v).trim())
          ? Promise.resolve()
          : Promise.reject(new Error(`${what}须为不超过四位小数的非负数`)),
    },
  ];
}

/** "6.0" → "6", "0.50" → "0.5": the step's precision must not end up in the stored text. */
const trimZeros = (t: string) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);

/** Points in decimals (0.5 steps), kept as the text the server stores ("0.5"). */
export function AmountInput({
  value,
  onChange,
  id,
  disabled,
  suffix = '分',
  placeholder,
  step = 0.5,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  disabled?: boolean;
  suffix?: string;
  placeholder?: string;
  step?: number;
}) {
  return (
    <InputNumber<string>
      id={id}
      stringMode
      min="0"
      step={step}
      value={value ?? null}
      onChange={(v) => onChange?.(v === null || v === '' ? null : trimZeros(String(v)))}
      formatter={(v, info) => (info.userTyping ? info.input : v === undefined ? '' : trimZeros(String(v)))}
      disabled={disabled}
      suffix={suffix}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}

const isGrouped = (o: Option[] | GroupedOptions): o is GroupedOptions =>
  o.length > 0 && 'options' in (o[0] as object);

/**
 * A multi-select of codes or ids: stopped entries are offered only when already chosen (so an
 * old rule keeps its name and can drop it); nothing chosen means 不限.
 */
export function MultiPick({
  options,
  value,
  onChange,
  id,
  disabled,
  placeholder = '不限',
  loading,
}: {
  options: Option[] | GroupedOptions;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  loading?: boolean;
}) {
  const chosen = new Set(value ?? []);
  const keep = (o: Option) => !o.inactive || chosen.has(o.value);
  const shown: { label: string; value?: string; options?: Option[] }[] = isGrouped(options)
    ? options.map((g) => ({ ...g, options: g.options.filter(keep) })).filter((g) => g.options.length)
    : options.filter(keep);
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={onChange}
      options={shown}
      disabled={disabled}
      placeholder={placeholder}
      loading={loading}
      maxTagCount="responsive"
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={loading ? '加载中…' : '没有可选项'}
      style={{ width: '100%' }}
    />
  );
}

/** The head of one row of a list: its number and name, and (when editable) move up/down and delete. */
export function RowHead({
  title,
  extra,
  index,
  count,
  editable,
  onMove,
  onRemove,
  movable = true,
}: {
  title: ReactNode;
  extra?: ReactNode;
  index: number;
  count: number;
  editable: boolean;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
  movable?: boolean;
}) {
  return (
    <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {extra}
      </Flex>
      {editable && (
        <Flex gap={2}>
          {movable && onMove && (
            <>
              <Tooltip title="上移">
                <Button
                  type="text"
                  size="small"
                  aria-label="上移"
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => onMove(index, index - 1)}
                />
              </Tooltip>
              <Tooltip title="下移">
                <Button
                  type="text"
                  size="small"
                  aria-label="下移"
                  icon={<ArrowDownOutlined />}
                  disabled={index === count - 1}
                  onClick={() => onMove(index, index + 1)}
                />
              </Tooltip>
            </>
          )}
          <Tooltip title="删除">
            <Button
              type="text"
              size="small"
              danger
              aria-label="删除"
              icon={<DeleteOutlined />}
              onClick={onRemove}
            />
          </Tooltip>
        </Flex>
      )}
    </Flex>
  );
}

/** The frame of one row of a list (an adoption row, a quota …). */
export const rowBox: React.CSSProperties = {
  border: '1px solid #f0f0f0',
  borderRadius: 8,
  padding: '10px 12px 0',
  marginBottom: 12,
  background: '#fcfcfc',
};
