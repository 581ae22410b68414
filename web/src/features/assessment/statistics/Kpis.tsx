import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';

export type Kpi = { title: string; value: string | number; suffix?: string; hint?: ReactNode };

/** A row of key figures (报送、采用、采用率、得分 …) above a dashboard's charts. */
export function Kpis({ items, compact = false }: { items: Kpi[]; compact?: boolean }) {
  const span = Math.max(4, Math.floor(24 / items.length));
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: compact ? 12 : 16 }}>
      {items.map((k) => (
        <Col key={k.title} xs={12} md={span}>
          <Card size="small" styles={{ body: { padding: compact ? '8px 12px' : undefined } }}>
            <Statistic
              title={k.title}
              value={k.value}
              suffix={k.suffix}
              styles={compact ? { content: { fontSize: 22 } } : undefined}
            />
            {k.hint && !compact && (
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 2 }}>{k.hint}</div>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
