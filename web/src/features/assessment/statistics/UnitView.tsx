import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';
import type { Statistics } from '../api.ts';
import { monthLabel, outletOption, rankOption, unitTrendOption } from './charts.ts';
import { Kpis } from './Kpis.tsx';

/**
 * One unit's own figures (单位视角): its submissions, adoptions and points, the trend by month, its
 * rank in its group month by month, and which publications adopted its items.
 */
export function UnitView({ data }: { data: Statistics }) {
  const unit = data.unit;
  const row = data.units.find((u) => u.unitId === unit?.unitId);
  const charts = useMemo(
    () =>
      unit && {
        trend: unitTrendOption(unit.months),
        rank: rankOption(unit.months, unit.peers),
        outlets: outletOption(data.outlets),
      },
    [unit, data.outlets],
  );
  if (!unit || !row || !charts) return <Empty description="没有该单位的统计" />;
  const spans = unit.months[0]?.month.slice(0, 4) !== unit.months[unit.months.length - 1]?.month.slice(0, 4);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {unit.unitName}（{unit.groupName}）
      </Typography.Title>
      <Kpis
        items={[
          { title: '报送信息', value: row.submitted, suffix: '条' },
          { title: '本级采用', value: row.adoptedOwn, suffix: '条' },
          { title: '上级采用', value: row.adoptedUpper, suffix: '条' },
          {
            title: '采用率',
            value: row.adoptionRate ?? '—',
            suffix: row.adoptionRate === null ? undefined : '%',
          },
          { title: '得分', value: row.points, suffix: '分' },
          { title: '组内名次', value: unit.rank ? `第${unit.rank}名` : '—', hint: `共${unit.peers}个单位` },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title="本单位走势（按月）" style={{ marginBottom: 16 }}>
            <EChart label="本单位走势" option={charts.trend} height={280} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="组内名次（按月）" style={{ marginBottom: 16 }}>
            <EChart label="组内名次" option={charts.rank} height={280} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="采用本单位信息的刊物" style={{ marginBottom: 16 }}>
            {data.outlets.length ? (
              <EChart
                label="采用本单位信息的刊物"
                option={charts.outlets}
                height={Math.max(120, data.outlets.length * 36 + 24)}
              />
            ) : (
              <Empty description="本期间没有被采用的信息" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="逐月明细" style={{ marginBottom: 16 }}>
            <Table
              rowKey="month"
              size="small"
              pagination={false}
              dataSource={unit.months}
              columns={[
                { title: '月份', dataIndex: 'month', render: (m: string) => monthLabel(m, spans) },
                { title: '报送', dataIndex: 'submitted', align: 'right' },
                { title: '采用', dataIndex: 'adopted', align: 'right' },
                { title: '得分', dataIndex: 'points', align: 'right' },
                {
                  title: '名次',
                  dataIndex: 'rank',
                  align: 'right',
                  render: (r: number | null) => (r ? `第${r}名` : '—'),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
