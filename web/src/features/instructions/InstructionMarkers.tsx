import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../format.ts';
import type { InstructionMarker } from './api.ts';
import { LevelTag, leaderLine } from './labels.tsx';

/** 领导批示 on an item (or on a copy of it up the chain), newest first, each a link to its page. */
export function InstructionMarkers({ markers }: { markers: InstructionMarker[] }) {
  if (markers.length === 0) return null;
  return (
    <Card
      size="small"
      title={`领导批示（${markers.length}）`}
      style={{ borderColor: '#ffccc7', background: '#fffaf9' }}
      data-testid="instruction-markers"
    >
      <Flex vertical gap={10}>
        {markers.map((m) => (
          <div key={m.id}>
            <Flex gap={6} align="center" wrap>
              <LevelTag level={m.level} label={m.levelLabel} />
              <Typography.Text strong>{leaderLine(m.leaderName, m.leaderTitle)}</Typography.Text>
              <Typography.Text type="secondary">{formatDate(m.instructedOn)}批示</Typography.Text>
              <Link to={`/instructions/${m.id}`}>查看办理情况</Link>
            </Flex>
            <Typography.Paragraph
              style={{ margin: '4px 0 0', fontFamily: 'KaiTi, STKaiti, serif', fontSize: 15 }}
            >
              {m.text}
            </Typography.Paragraph>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

/** The small 批 mark in a list row of an item with leader instructions. */
export function InstructionMark({ count }: { count: number }) {
  if (!count) return null;
  return (
    <span
      title={`有 ${count} 条领导批示`}
      style={{
        display: 'inline-block',
        padding: '0 4px',
        marginInlineEnd: 4,
        fontSize: 12,
        lineHeight: '18px',
        color: '#cf1322',
        border: '1px solid #ffa39e',
        borderRadius: 3,
        background: '#fff1f0',
        verticalAlign: 'text-top',
      }}
    >
      批{count > 1 ? count : ''}
    </span>
  );
}
