import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { RankingRow } from '../api.ts';
import type { Notice } from './api.ts';
import { ZeroTags } from './labels.tsx';

const OWN_BG = '#e6f4ff';
const CN_NUMBERS = '一二三四五六七八九十';

/**
 * 附件1 得分情况: the frozen ranking of each group as the notice prints it; the caller's own
 * units are highlighted and every 零报送 / 零采用 unit tagged.
 */
export function ScoreTables({ notice }: { notice: Notice }) {
  const s = notice.snapshot;
  const mine = new Set(notice.ownUnitIds);
  const adoptedItems = s.groups.reduce((n, g) => n + g.rows.reduce((m, r) => m + r.adoptedItems, 0), 0);
  const columns: ColumnsType<RankingRow> = [
    { title: '名次', dataIndex: 'rank', width: 64, align: 'center' },
    {
      title: '单位',
      dataIndex: 'unitName',
      render: (name: string, r) => (
        <Flex gap={4} wrap align="center">
          <span style={mine.has(r.unitId) ? { fontWeight: 600 } : undefined}>{name}</span>
          {mine.has(r.unitId) && <Tag color="blue">本单位</Tag>}
          <ZeroTags row={r} />
        </Flex>
      ),
    },
    { title: '报送', dataIndex: 'submitted', width: 72, align: 'right' },
    { title: '本级采用', dataIndex: 'adoptedOwn', width: 86, align: 'right' },
    { title: '上级采用', dataIndex: 'adoptedUpper', width: 86, align: 'right' },
    {
      title: '采用率',
      dataIndex: 'adoptionRate',
      width: 80,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : `${v}%`),
    },
    {
      title: '得分',
      dataIndex: 'points',
      width: 80,
      align: 'right',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: '累计', dataIndex: 'cumulative', width: 80, align: 'right' },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {s.periodTitle}各单位政务信息报送采用得分情况。共报送 {s.totals.submitted} 条，被采用 {adoptedItems}{' '}
        条（本级 {s.totals.adoptedOwn} 条次、上级 {s.totals.adoptedUpper} 条次）；参加考评 {s.units} 个单位，
        {s.reporting} 个报送了信息。累计自 {s.ruleSet.periodStart} 起。
      </Typography.Text>
      {s.groups.map((g, i) => (
        <Card
          key={g.code}
          size="small"
          title={`（${CN_NUMBERS[i] ?? i + 1}）${g.name}（${g.rows.length}个单位）`}
          extra={
            <Typography.Text type="secondary">
              零报送 {g.rows.filter((r) => r.noSubmissions).length} 个，零采用{' '}
              {g.rows.filter((r) => !r.noSubmissions && r.noAdoptions).length} 个
            </Typography.Text>
          }
        >
          <Table
            rowKey="unitId"
            size="small"
            bordered
            columns={columns}
            dataSource={g.rows}
            pagination={false}
            scroll={{ x: 720 }}
            onRow={(r) =>
              mine.has(r.unitId)
                ? ({ 'data-own': 'true', style: { background: OWN_BG } } as HTMLAttributes<HTMLElement>)
                : {}
            }
          />
        </Card>
      ))}
    </Flex>
  );
}

/**
 * 附件2 采用信息目录: per unit its titles adopted in the period, numbered, each with the marks
 * of where it was adopted and any leader's instruction; the legend of the marks on top. Staff
 * (and a unit for its own items) open the item.
 */
export function AdoptedList({ notice, linkAll }: { notice: Notice; linkAll: boolean }) {
  const s = notice.snapshot;
  const mine = new Set(notice.ownUnitIds);
  return (
    <Flex vertical gap={12}>
      <Card size="small" title="说明" data-testid="notice-legend">
        {s.legend.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Flex gap={16} wrap>
            {s.legend.map((l) => (
              <span key={l.mark}>
                <Typography.Text strong>{l.mark}</Typography.Text>
                {l.meaning}
              </span>
            ))}
          </Flex>
        )}
      </Card>
      {s.adopted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无被采用信息" />
      ) : (
        s.adopted.map((u) => {
          const own = mine.has(u.unitId);
          return (
            <Card
              key={u.unitId}
              size="small"
              data-own={own ? 'true' : undefined}
              title={
                <Flex gap={6} align="center">
                  <span>
                    {u.unitName}（{u.titles.length}条）
                  </span>
                  {own && <Tag color="blue">本单位</Tag>}
                </Flex>
              }
              styles={own ? { header: { background: OWN_BG } } : undefined}
            >
              <ol style={{ margin: 0, paddingInlineStart: 28, lineHeight: 1.9 }}>
                {u.titles.map((t) => (
                  <li key={t.itemId}>
                    {linkAll || own ? <Link to={`/items/${t.itemId}`}>{t.title}</Link> : t.title}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 2 }}>
                      {t.marks}
                    </Typography.Text>
                  </li>
                ))}
              </ol>
            </Card>
          );
        })
      )}
    </Flex>
  );
}
