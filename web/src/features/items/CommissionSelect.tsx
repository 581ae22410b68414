import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../api/client.ts';

type OpenCommission = {
  id: string;
  numberLabel: string | null;
  topic: string;
  deadline: string;
  deadlineLabel: string;
  answer: 'open' | 'answered' | 'declined';
};

/**
 * 关联约稿: the office's commissions sent to the writer's unit and still open (GET
 * /api/commissions/open). An item linked to one answers it once the unit signs it off.
 */
export function CommissionSelect({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}) {
  const query = useQuery({
    queryKey: ['commissions', 'open'],
    queryFn: () => api<OpenCommission[]>('GET', '/api/commissions/open'),
  });
  const options = (query.data ?? []).map((c) => ({
    value: c.id,
    label: `${c.numberLabel ? `${c.numberLabel} ` : ''}${c.topic}（${c.deadlineLabel}截止${c.answer === 'answered' ? '，已报送' : ''}）`,
  }));
  // A link to a commission no longer open (closed since) still shows what it is.
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: '已关联的约稿' });
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={query.isPending}
      options={options}
      placeholder={options.length ? '如是应约稿件，选择约稿通知' : '暂无待答复的约稿'}
      notFoundContent="暂无待答复的约稿"
    />
  );
}
