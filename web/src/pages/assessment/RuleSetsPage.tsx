import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { type RuleSetSummary, useRuleSets } from '../../features/assessment/api.ts';
import { RuleSetStatusTag } from '../../features/assessment/rules/labels.tsx';
import { formatDateTime } from '../../format.ts';

type Row = RuleSetSummary & { seriesSize: number; seriesFirst: boolean };

/** Versions of one series together (the server sends newest period first, then by series and version). */
function bySeries(list: RuleSetSummary[]): Row[] {
  const order: string[] = [];
  const series = new Map<string, RuleSetSummary[]>();
  for (const r of list) {
    if (!series.has(r.seriesId)) {
      series.set(r.seriesId, []);
      order.push(r.seriesId);
    }
    series.get(r.seriesId)?.push(r);
  }
  return order.flatMap((id) => {
    const versions = [...(series.get(id) ?? [])].sort((a, b) => b.versionNo - a.versionNo);
    return versions.map((v, i) => ({ ...v, seriesSize: versions.length, seriesFirst: i === 0 }));
  });
}

const span = (r: Row) => ({ rowSpan: r.seriesFirst ? r.seriesSize : 0 });

/**
 * 考核办法 (/assessment/rules): the office's rule sets, each series with its versions (newest
 * first), their status, who activated them and when scores were last computed.
 */
export function RuleSetsPage() {
  const query = useRuleSets();
  const navigate = useNavigate();
  const rows = bySeries(query.data ?? []);
  const office = query.data?.[0]?.officeName;

  const columns: ColumnsType<Row> = [
    {
      title: '名称',
      key: 'name',
      onCell: span,
      render: (_: unknown, r) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/assessment/rules/${r.id}`} style={{ fontWeight: 500 }}>
            {r.name}
          </Link>
          {r.note && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.note}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '考核期间',
      key: 'period',
      width: 120,
      onCell: span,
      render: (_: unknown, r) => (
        <span style={{ fontSize: 13, fontVariantNumeric: 'tabular-nums' }}>
          {r.periodStart}
          <br />至 {r.periodEnd}
        </span>
      ),
    },
    {
      title: '版本',
      key: 'version',
      width: 80,
      render: (_: unknown, r) =>
        r.seriesSize > 1 && !r.seriesFirst ? (
          <Link to={`/assessment/rules/${r.id}`}>第{r.versionNo}版</Link>
        ) : (
          `第${r.versionNo}版`
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 90,
      render: (_: unknown, r) => <RuleSetStatusTag status={r.status} />,
    },
    {
      title: '启用人/时间',
      key: 'activated',
      width: 170,
      render: (_: unknown, r) =>
        r.activatedAt ? (
          <span style={{ fontSize: 13 }}>
            {r.activatedByName}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.activatedAt)}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '计算时间',
      key: 'computed',
      width: 140,
      render: (_: unknown, r) =>
        r.computedAt ? (
          <span style={{ fontSize: 13 }}>{formatDateTime(r.computedAt)}</span>
        ) : (
          <Typography.Text type="secondary">{r.status === 'draft' ? '—' : '尚未计算'}</Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, r) =>
        r.status === 'draft' ? (
          <Link to={`/assessment/rules/${r.id}`}>修改</Link>
        ) : (
          <Link to={`/assessment/rules/${r.id}`}>查看</Link>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="考核办法"
        description={`${office ? `${office}的` : ''}政务信息考核办法：各单位如何计分、分组排名。修改须新建版本，启用后按新版本重新计算得分。`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/assessment/rules/new')}>
            新建考核办法
          </Button>
        }
      />
      <Card size="small">
        {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        <Table<Row>
          rowKey="id"
          size="middle"
          bordered
          loading={query.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <Empty
                description={
                  <Flex vertical gap={4} style={{ maxWidth: 520, margin: '0 auto' }}>
                    <span>还没有考核办法。</span>
                    <Typography.Text type="secondary">
                      考核办法规定考核期间内各报送单位的信息如何计分——被哪些刊物采用得几分、领导批示和约稿加分、迟报和未反馈扣分、报送任务——以及各单位分几组排名。启用后，考评排名按它自动计算。
                    </Typography.Text>
                  </Flex>
                }
              >
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => navigate('/assessment/rules/new')}
                >
                  新建考核办法
                </Button>
              </Empty>
            ),
          }}
        />
        {rows.length > 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>
            <Tag color="green">已启用</Tag>
            的版本用于计分；修改已启用的考核办法请打开它并点“新建版本”，草稿检查无误、模拟测算后再启用，旧版本随之停用。
          </Typography.Text>
        )}
      </Card>
    </>
  );
}
