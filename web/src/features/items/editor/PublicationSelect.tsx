import { Select } from 'antd';
import { useMemo } from 'react';
import type { Publication } from '../types.ts';

type Props = {
  publications: Publication[] | undefined;
  loading?: boolean;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  placeholder?: string;
};

/** A publication picker grouped by the office that issues it (吕梁…, 山西…). */
export function PublicationSelect({ publications, loading, value, onChange, id, placeholder }: Props) {
  const options = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const p of publications ?? []) {
      const group = groups.get(p.officeId) ?? { label: p.officeName, options: [] };
      group.options.push({ value: p.id, label: p.name });
      groups.set(p.officeId, group);
    }
    return [...groups.values()];
  }, [publications]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      placeholder={placeholder ?? '请选择刊物'}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={loading ? '加载中…' : '没有可选的刊物'}
    />
  );
}
