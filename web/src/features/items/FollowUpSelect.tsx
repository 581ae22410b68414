import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useItems } from './api.ts';

/**
 * 续报 of: one of the unit's earlier items, searched by title. Drafts are left out, since a
 * follow-up reports on something already sent.
 */
export function FollowUpSelect({
  value,
  onChange,
  excludeId,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  excludeId?: string;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setQ(search.trim()), 300);
    return () => window.clearTimeout(t);
  }, [search]);
  const query = useItems('mine', { q: q || undefined, sort: 'updatedAt', order: 'desc' }, 1, 30);
  const options = (query.data?.items ?? [])
    .filter((i) => i.id !== excludeId && i.status !== 'draft')
    .map((i) => ({ value: i.id, label: `${i.serial}　${i.title}` }));
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={query.isFetching}
      options={options}
      placeholder="如是对已报信息的续报，选择首报信息"
      notFoundContent={query.isFetching ? '正在查找…' : '没有可选的信息'}
    />
  );
}
