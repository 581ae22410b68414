import { DownloadOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  type RankingRow,
  rankingExportUrl,
  useRanking,
  useRuleSetMutations,
} from '../../features/assessment/api.ts';
import { EntriesDrawer } from '../../features/assessment/EntriesDrawer.tsx';
import { PeriodBar, ScopeNotice, useAssessmentScope } from '../../features/assessment/PeriodBar.tsx';
import { periodTitle } from '../../features/assessment/periods.ts';
import { WorkSummaryModal } from '../../features/assessment/WorkSummaryModal.tsx';
import { formatDateTime } from '../../format.ts';

/**
 * 考评排名 (/assessment): the office's units ranked per group over a month, quarter, year or any
 * range inside one 考核办法's period, with 累计 from the period's start; every figure opens its
 * ledger entries. Units read the rankings of the office they report to with their own row marked.
 */
export function AssessmentPage() {
  const { message } = App.useApp();
  const scope = useAssessmentScope();
  const { state, range, officeId, office } = scope;
  const query = useRanking(officeId && range ? { officeId, ...range } : null);
  const { recompute } = useRuleSetMutations();
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const insider = office?.relation === 'staff' || office?.relation === 'leader';
  const staff = office?.relation === 'staff';
  const mine = new Set(office?.ownUnitIds ?? []);

  const exportRanking = async () => {
    if (!officeId || !range) return;
    try {
      await download(rankingExportUrl({ officeId, ...range }), `考评排名-${range.from}至${range.to}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    }
  };

  const data = query.data;
  const canOpen = (r: RankingRow) => Boolean(data?.allUnits || mine.has(r.unitId));
  const columns: ColumnsType<RankingRow> = [
    { title: '排名', dataIndex: 'rank', width: 64, align: 'center' },
    {
      title: '单位',
      dataIndex: 'unitName',
      render: (name: string, r) => (
        <Space size={4} wrap>
          {canOpen(r) ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => setOpen({ id: r.unitId, name })}
            >
              {name}
            </Button>
          ) : (
            name
          )}
          {mine.has(r.unitId) && <Tag color="blue">本单位</Tag>}
          {r.noSubmissions && <Tag color="red">零报送</Tag>}
          {!r.noSubmissions && r.noAdoptions && <Tag color="orange">零采用</Tag>}
        </Space>
      ),
    },
    { title: '报送数', dataIndex: 'submitted', width: 80, align: 'right' },
    {
      title: '采用数',
      children: [
        { title: '本级', dataIndex: 'adoptedOwn', width: 70, align: 'right' },
        { title: '上级', dataIndex: 'adoptedUpper', width: 70, align: 'right' },
      ],
    },
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
    { title: '累计得分', dataIndex: 'cumulative', width: 90, align: 'right' },
  ];

  const title = periodTitle(state);
  return (
    <>
      <PageHeader
        title="考评排名"
        description="按考核办法计算的各单位报送、采用和得分，分组排名；点击单位查看每一分的来源。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={exportRanking} disabled={!data}>
              导出Excel
            </Button>
            {insider && range && (
              <Button icon={<FileTextOutlined />} onClick={() => setSummaryOpen(true)}>
                工作总结
              </Button>
            )}
            {staff && data && (
              <Tooltip title="事实变化后系统会自动重算；如刚调整了单位分组，可手动重新计算">
                <Button
                  icon={<ReloadOutlined />}
                  loading={recompute.isPending}
                  onClick={() =>
                    recompute.mutate(data.ruleSet.id, {
                      onSuccess: () => message.success('已重新计算'),
                      onError: (e) => message.error(e.message),
                    })
                  }
                >
                  重新计算
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      <PeriodBar scope={scope}>
        {data && (
          <Typography.Text type="secondary">
            计分依据：《{data.ruleSet.name}》第{data.ruleSet.versionNo}版
            {data.ruleSet.status === 'superseded' ? '（已停用）' : ''}；累计自{' '}
            {dayjs(data.ruleSet.periodStart).format('M月D日')}起
            {data.computedAt ? `；计算于 ${formatDateTime(data.computedAt)}` : ''}
          </Typography.Text>
        )}
      </PeriodBar>
      {officeId && range && (
        <WorkSummaryModal
          open={summaryOpen}
          onClose={() => setSummaryOpen(false)}
          officeId={officeId}
          from={range.from}
          to={range.to}
        />
      )}
      <ScopeNotice scope={scope} error={query.error} what="考评" />
      {data && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${title}报送`} value={data.totals.submitted} suffix="条" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="本级采用" value={data.totals.adoptedOwn} suffix="条" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="上级采用" value={data.totals.adoptedUpper} suffix="条" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="合计得分" value={data.totals.points} suffix="分" />
              </Card>
            </Col>
          </Row>
          {data.groups.map((g) => (
            <Card
              key={g.code}
              size="small"
              title={`${g.name}（${g.rows.length}个单位）`}
              style={{ marginBottom: 16 }}
              extra={
                <Typography.Text type="secondary">
                  零报送 {g.rows.filter((r) => r.noSubmissions).length} 个
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
                loading={query.isFetching}
                rowClassName={(r) => (mine.has(r.unitId) ? 'ant-table-row-selected' : '')}
              />
            </Card>
          ))}
          <EntriesDrawer
            open={open !== null}
            onClose={() => setOpen(null)}
            ruleSetId={data.ruleSet.id}
            unit={open}
            from={data.range.from}
            to={data.range.to}
            periodLabel={title}
          />
        </>
      )}
    </>
  );
}
