import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { PRIORITY_LABELS } from '../../../../../server/modules/items/workflow.ts';
import { useDictionary } from '../../dictionaries/api.ts';
import { MemberUnitSelect } from '../../orgs/MemberUnitSelect.tsx';
import { useItemCategories } from '../api.ts';
import type { ItemListFilters, ItemPriority } from '../types.ts';
import type { FilterKey } from './listParams.ts';

type Values = {
  q?: string;
  unitId?: string;
  groupCode?: string;
  categoryCode?: string;
  priority?: ItemPriority;
  range?: [Dayjs, Dayjs] | null;
};

type Props = {
  filters: ItemListFilters;
  onSearch: (changes: Record<FilterKey, string | undefined>) => void;
  /** The forwarded page filters by less. */
  compact?: boolean;
};

/** The search form of the editor's lists; it mirrors the URL, also on back and forward. */
export function ItemSearchForm({ filters, onSearch, compact }: Props) {
  const [form] = Form.useForm<Values>();
  const groups = useDictionary('assessment_group');
  const categories = useItemCategories();

  useEffect(() => {
    form.setFieldsValue({
      q: filters.q ?? '',
      unitId: filters.unitId,
      groupCode: filters.groupCode,
      categoryCode: filters.categoryCode,
      priority: filters.priority,
      range: filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null,
    });
  }, [filters, form]);

  const submit = (v: Values) =>
    onSearch({
      q: v.q?.trim() || undefined,
      unitId: v.unitId,
      groupCode: v.groupCode,
      categoryCode: v.categoryCode,
      priority: v.priority,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });

  const reset = () => {
    form.resetFields();
    submit({});
  };

  return (
    <Form<Values>
      form={form}
      layout="inline"
      name="item-search"
      onFinish={submit}
      style={{ rowGap: 12, marginBottom: 12 }}
    >
      <Form.Item name="q" label="关键字">
        <Input allowClear placeholder="标题、正文、关键词或编号" style={{ width: 210 }} maxLength={50} />
      </Form.Item>
      <Form.Item name="unitId" label="报送单位">
        <MemberUnitSelect includeInactive style={{ width: 190 }} />
      </Form.Item>
      {!compact && (
        <Form.Item name="groupCode" label="考核分组">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            loading={groups.isPending}
            options={(groups.data ?? []).map((g) => ({ value: g.code, label: g.label }))}
          />
        </Form.Item>
      )}
      <Form.Item name="categoryCode" label="类别">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 100 }}
          loading={categories.isPending}
          options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.label }))}
        />
      </Form.Item>
      {!compact && (
        <Form.Item name="priority" label="紧急程度">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 100 }}
            options={(Object.keys(PRIORITY_LABELS) as ItemPriority[]).map((p) => ({
              value: p,
              label: PRIORITY_LABELS[p],
            }))}
          />
        </Form.Item>
      )}
      <Form.Item name="range" label="报送日期">
        <DatePicker.RangePicker style={{ width: 240 }} />
      </Form.Item>
      <Form.Item style={{ marginInlineEnd: 0 }}>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
          <Button onClick={reset} icon={<ReloadOutlined />}>
            重置
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
