import { Select, Typography } from 'antd';
import { useCurrentTopics } from './api.ts';

/** A topic an item already carries, as the item shows it (GET /api/items/:id → topic). */
export type TopicRef = { id: string; title: string; periodLabel: string };

/**
 * 报送要点 of an item, for the compose form: one of the published topics in force today (of
 * `officeId` when given), or none. An item keeps a tag it already had after the topic's period
 * ended; pass it as `fallback` so the field still shows its name.
 */
export function TopicSelect({
  value,
  onChange,
  id,
  officeId,
  fallback,
  disabled,
  placeholder = '如按办公室发布的报送要点报送，请选择（选填）',
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  officeId?: string;
  fallback?: TopicRef | null;
  disabled?: boolean;
  placeholder?: string;
}) {
  const query = useCurrentTopics(officeId);
  const topics = (query.data?.items ?? []).filter((t) => t.actions.includes('tag'));
  const options = topics.map((t) => ({
    value: t.id,
    label: `${t.title}（${t.periodLabel}）`,
    title: t.title,
    description: t.description,
    periodLabel: t.periodLabel,
  }));
  if (value && !options.some((o) => o.value === value) && fallback?.id === value)
    options.push({
      value: fallback.id,
      label: `${fallback.title}（${fallback.periodLabel}）`,
      title: fallback.title,
      description: '',
      periodLabel: fallback.periodLabel,
    });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={disabled}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={query.isFetching}
      options={options}
      placeholder={placeholder}
      notFoundContent={query.isFetching ? '正在加载…' : '当前没有可选的报送要点'}
      optionRender={(o) => (
        <div style={{ whiteSpace: 'normal', lineHeight: '20px', padding: '2px 0' }}>
          <div>{o.data.title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.periodLabel}
            {o.data.description
              ? ` · ${o.data.description.slice(0, 40)}${o.data.description.length > 40 ? '…' : ''}`
              : ''}
          </Typography.Text>
        </div>
      )}
    />
  );
}
