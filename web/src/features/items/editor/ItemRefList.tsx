import { Typography } from 'antd';

type Ref = { id: string; serial: number; title: string; unitName: string };

/** The items a dialog acts on, one line each: number, title (cut to fit), unit. */
export function ItemRefList({ items, maxHeight = 160 }: { items: Ref[]; maxHeight?: number }) {
  return (
    <ul style={{ maxHeight, overflow: 'auto', listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((i) => (
        <li key={i.id} style={{ display: 'flex', gap: 8, lineHeight: '24px' }}>
          <Typography.Text type="secondary" style={{ flex: 'none', minWidth: 28 }}>
            {i.serial}
          </Typography.Text>
          <Typography.Text ellipsis title={i.title} style={{ minWidth: 0 }}>
            {i.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ flex: 'none', marginInlineStart: 'auto' }}>
            {i.unitName}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
