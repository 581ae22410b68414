import { Space, Tag, Typography } from 'antd';
import { useItem } from '../api.ts';
import type { Adoption } from '../types.ts';

/** 《刊物》 采用类型 · 日期 · 期号, one line per adoption. */
export function AdoptionLines({ adoptions }: { adoptions: Adoption[] }) {
  return (
    <Space orientation="vertical" size={6}>
      {adoptions.map((a) => (
        <div key={a.id} style={{ lineHeight: '20px' }}>
          <div>
            <Tag color="green" style={{ marginInlineEnd: 4 }}>
              {a.adoptionKind}
            </Tag>
            《{a.publicationName}》
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {a.adoptedOn}
            {a.issueLabel ? ` · ${a.issueLabel}` : ''}
          </Typography.Text>
        </div>
      ))}
    </Space>
  );
}

/**
 * The adoptions of one forwarded item. List rows carry only their number, so the details are
 * read for the rows that have any (the same cache the item page uses).
 */
export function ItemAdoptions({ itemId, count }: { itemId: string; count: number }) {
  const detail = useItem(count > 0 ? itemId : undefined);
  if (count === 0) return <Typography.Text type="secondary">尚未采用</Typography.Text>;
  if (detail.isError) return <Typography.Text type="danger">{`${count} 条（加载失败）`}</Typography.Text>;
  if (!detail.data) return <Typography.Text type="secondary">{`${count} 条…`}</Typography.Text>;
  return <AdoptionLines adoptions={detail.data.adoptions} />;
}
