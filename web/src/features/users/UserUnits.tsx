import { Space, Tag, Typography } from 'antd';
import type { UserUnit } from './types.ts';

/** The primary unit in full, the others as tags. */
export function UserUnits({ units }: { units: UserUnit[] }) {
  if (!units.length) return <Typography.Text type="secondary">未分配单位</Typography.Text>;
  const primary = units.find((u) => u.isPrimary) ?? units[0];
  const others = units.filter((u) => u !== primary);
  return (
    <Space size={[4, 4]} wrap>
      <span title="主单位">{primary.name}</span>
      {others.map((u) => (
        <Tag key={u.id} title={u.name} style={{ marginInlineEnd: 0 }}>
          {u.shortName || u.name}
        </Tag>
      ))}
    </Space>
  );
}
