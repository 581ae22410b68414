import { Space, Tag, Typography } from 'antd';
import type { SummaryAdoption } from '../types.ts';

/** 《刊物》 采用类型 · 日期 · 期号, one line per adoption; “尚未采用” when there is none. */
export function AdoptionLines({ adoptions }: { adoptions: readonly SummaryAdoption[] }) {
  if (!adoptions.length) return <Typography.Text type="secondary">尚未采用</Typography.Text>;
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
