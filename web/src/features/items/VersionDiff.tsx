import { Alert, Col, Row, Skeleton, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useItemDiff } from './api.ts';
import type { DiffSegment } from './types.ts';

const INSERT: CSSProperties = {
  color: '#135200',
  background: '#d9f7be',
  textDecoration: 'underline',
  textDecorationColor: '#389e0d',
  textUnderlineOffset: 3,
};
const DELETE: CSSProperties = {
  color: '#a8071a',
  background: '#ffccc7',
  textDecoration: 'line-through',
  textDecorationColor: '#cf1322',
};

/** One side of the comparison: the old text keeps its deletions, the new one its insertions. */
function Side({ segments, side }: { segments: DiffSegment[]; side: 'from' | 'to' }) {
  const skip = side === 'from' ? 'insert' : 'delete';
  return (
    <>
      {segments.map((s, i) =>
        s.type === skip ? null : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
          <span key={i} style={s.type === 'equal' ? undefined : s.type === 'insert' ? INSERT : DELETE}>
            {s.text}
          </span>
        ),
      )}
    </>
  );
}

const PANE: CSSProperties = {
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  fontSize: 15,
  lineHeight: 1.9,
  padding: 12,
  border: '1px solid #f0f0f0',
  borderRadius: 6,
  background: '#fafafa',
};

/** Two versions side by side with the character-level changes marked. */
export function VersionDiff({ itemId, from, to }: { itemId: string; from: number; to: number }) {
  const query = useItemDiff(itemId, from, to);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) return <Alert type="error" showIcon title={query.error.message} />;
  const diff = query.data;
  const changed = [...diff.title, ...diff.body].some((s) => s.type !== 'equal');
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {changed ? (
          <>
            <span style={DELETE}>删除的文字</span>　<span style={INSERT}>新增的文字</span>
          </>
        ) : (
          '两个版本的标题和正文相同。'
        )}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {(['from', 'to'] as const).map((side) => (
          <Col xs={24} md={12} key={side}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
              第 {side === 'from' ? diff.from : diff.to} 版{side === 'from' ? '（较早）' : '（较新）'}
            </Typography.Text>
            <div style={PANE}>
              <div style={{ fontWeight: 600, marginBottom: 8 }}>
                <Side segments={diff.title} side={side} />
              </div>
              <Side segments={diff.body} side={side} />
            </div>
          </Col>
        ))}
      </Row>
    </div>
  );
}
