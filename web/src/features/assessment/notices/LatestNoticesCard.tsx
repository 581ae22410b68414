import { Card, Divider, Flex, Typography } from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { formatDocDate } from '../../../format.ts';
import { type Notice, ownRows } from './api.ts';
import { ZeroTags } from './labels.tsx';

function Figure({ label, value, unit }: { label: string; value: string | number; unit?: string }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{label} </Typography.Text>
      <Typography.Text strong style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography.Text>
      {unit && <Typography.Text type="secondary"> {unit}</Typography.Text>}
    </span>
  );
}

function LatestNotice({ n }: { n: Notice }) {
  const rows = ownRows(n);
  const several = rows.length > 1;
  return (
    <div>
      <Flex gap={8} wrap align="baseline" style={{ marginBottom: 6 }}>
        <Link to={`/assessment/notices/${n.id}`} style={{ fontWeight: 500 }}>
          {n.title}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {n.officeName} {n.issuedAt ? `${formatDocDate(n.issuedAt)}印发` : ''}
        </Typography.Text>
      </Flex>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">本单位未列入本期排名。</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {rows.map(({ group, row }) => (
            <Flex key={row.unitId} gap={16} wrap align="center" data-testid="latest-notice-row">
              <Typography.Text>
                {several && <Typography.Text strong>{row.unitName}：</Typography.Text>}
                {group.name}第 <Typography.Text strong>{row.rank}</Typography.Text> 名
                <Typography.Text type="secondary">（共 {group.rows.length} 个单位）</Typography.Text>
              </Typography.Text>
              <Figure label="得分" value={row.points} />
              <Figure label="报送" value={row.submitted} unit="条" />
              <Figure label="采用" value={row.adoptedItems} unit="条" />
              <ZeroTags row={row} />
            </Flex>
          ))}
        </Flex>
      )}
    </div>
  );
}

/**
 * 最新考评通报, for a unit's home page: the latest issued notice of each office the unit reports
 * to, with the unit's own place in its group and its figures, and a 零报送 / 零采用 tag when the
 * notice names it (`useLatestNotices`). The home page leaves it out until a notice is issued.
 */
export function LatestNoticesCard({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <Card
      size="small"
      title="最新考评通报"
      data-testid="latest-notices"
      extra={<Link to="/assessment/notices">全部通报</Link>}
    >
      {notices.map((n, i) => (
        <Fragment key={n.id}>
          {i > 0 && <Divider style={{ margin: '12px 0' }} />}
          <LatestNotice n={n} />
        </Fragment>
      ))}
    </Card>
  );
}
