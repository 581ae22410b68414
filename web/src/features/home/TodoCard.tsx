import { Card, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';

type Props = {
  label: string;
  count: number | undefined;
  to: string;
  /** Colour of a non-zero figure (a warning colour for things that are late). */
  color?: string;
  hint?: string;
  loading?: boolean;
};

/** One to-do figure: a large number, a short label, the whole card a link to the list that resolves it. */
export function TodoCard({ label, count, to, color = 'rgba(0,0,0,0.88)', hint, loading }: Props) {
  const zero = count === 0;
  return (
    <Link to={to} aria-label={`${label} ${count ?? ''}`.trim()} style={{ display: 'block', height: '100%' }}>
      <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { padding: '12px 16px' } }}>
        {loading || count === undefined ? (
          <Skeleton active title={false} paragraph={{ rows: 2 }} />
        ) : (
          <>
            <div
              style={{
                fontSize: 30,
                lineHeight: '38px',
                fontWeight: 600,
                fontVariantNumeric: 'tabular-nums',
                color: zero ? '#bfbfbf' : color,
              }}
            >
              {count}
            </div>
            <div style={{ fontSize: 14, color: zero ? 'rgba(0,0,0,0.45)' : 'rgba(0,0,0,0.88)' }}>{label}</div>
            {hint && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {hint}
              </Typography.Text>
            )}
          </>
        )}
      </Card>
    </Link>
  );
}
