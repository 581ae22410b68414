import { Button, Card, Col, Empty, Flex, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { EChart } from '../../../components/EChart.tsx';
import type { Statistics, StatisticsUnit } from '../api.ts';
import {
  coverageOption,
  groupRateOption,
  metricValue,
  monthOption,
  outletOption,
  UNIT_METRICS,
  type UnitMetric,
  unitsOption,
} from './charts.ts';
import { Kpis } from './Kpis.tsx';

const rateText = (v: number | null) => (v === null ? '—' : `${v}%`);

/** The headline figures of an office's range, shared by the full dashboard and the leader's screen. */
export function officeKpis(data: Statistics) {
  const t = data.totals;
  return [
    { title: '报送信息', value: t.submitted, suffix: '条' },
    { title: '本级采用', value: t.adoptedOwn, suffix: '条' },
    { title: '上级采用', value: t.adoptedUpper, suffix: '条' },
    { title: '采用率', value: t.adoptionRate ?? '—', suffix: t.adoptionRate === null ? undefined : '%' },
    { title: '报送覆盖（单位）', value: `${t.reported} / ${t.members}` },
    data.upward
      ? {
          title: `在${data.upward.officeName.replace(/人民政府办公(室|厅)$/, '')}排名（共${data.upward.peers}个）`,
          value: data.upward.rank ? `第${data.upward.rank}名` : '未排名',
          hint: `上级计分 ${data.upward.points} 分`,
        }
      : { title: '合计得分', value: t.points, suffix: '分' },
  ];
}

export const unitColumns = (onOpen?: (u: StatisticsUnit) => void): ColumnsType<StatisticsUnit> => [
  { title: '分组', dataIndex: 'groupName', width: 110 },
  { title: '名次', dataIndex: 'rank', width: 60, align: 'center' },
  {
    title: '单位',
    dataIndex: 'unitName',
    render: (name: string, u) => (
      <Space size={4}>
        {onOpen ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(u)}>
            {name}
          </Button>
        ) : (
          name
        )}
        {u.submitted === 0 && <Tag color="red">未报送</Tag>}
      </Space>
    ),
  },
  { title: '报送', dataIndex: 'submitted', width: 70, align: 'right' },
  { title: '本级采用', dataIndex: 'adoptedOwn', width: 80, align: 'right' },
  { title: '上级采用', dataIndex: 'adoptedUpper', width: 80, align: 'right' },
  { title: '采用率', dataIndex: 'adoptionRate', width: 80, align: 'right', render: rateText },
  {
    title: '得分',
    dataIndex: 'points',
    width: 80,
    align: 'right',
    render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
  },
];

/**
 * 统计分析 for the office's 信息科: the range's figures, submissions and adoptions by month, every
 * unit side by side, adoption rate per group, coverage with the units that never reported,
 * adoptions per publication, the office's standing above, and the per-unit table.
 */
export function OfficeView({
  data,
  onOpenUnit,
}: {
  data: Statistics;
  onOpenUnit: (u: StatisticsUnit) => void;
}) {
  const [metric, setMetric] = useState<UnitMetric>('points');
  const [group, setGroup] = useState<string>('');
  const inGroup = useMemo(
    () => data.units.filter((u) => !group || u.groupCode === group),
    [data.units, group],
  );
  // Units at 0 would fill the chart with empty rows; they are named under 从未报送 and in the table.
  const units = useMemo(() => inGroup.filter((u) => metricValue(u, metric) > 0), [inGroup, metric]);
  const monthChart = useMemo(() => monthOption(data.months), [data.months]);
  const unitChart = useMemo(() => unitsOption(units, metric), [units, metric]);
  const groupChart = useMemo(() => groupRateOption(data.groups), [data.groups]);
  const coverageChart = useMemo(() => coverageOption(data.totals), [data.totals]);
  const outletChart = useMemo(() => outletOption(data.outlets), [data.outlets]);
  const upwardChart = useMemo(() => outletOption(data.upward?.outlets ?? []), [data.upward]);

  return (
    <>
      <Kpis items={officeKpis(data)} />
      <Card size="small" title="报送与采用（按月）" style={{ marginBottom: 16 }}>
        <EChart label="按月报送与采用" option={monthChart} height={300} />
      </Card>
      <Card
        size="small"
        title="各单位对比"
        style={{ marginBottom: 16 }}
        extra={
          <Flex gap={8}>
            <Select
              aria-label="分组"
              size="small"
              style={{ width: 140 }}
              value={group}
              onChange={setGroup}
              options={[
                { value: '', label: '全部分组' },
                ...data.groups.map((g) => ({ value: g.code, label: g.name })),
              ]}
            />
            <Segmented
              size="small"
              options={UNIT_METRICS}
              value={metric}
              onChange={(v) => setMetric(v as UnitMetric)}
            />
          </Flex>
        }
      >
        {units.length ? (
          <EChart label="各单位对比" option={unitChart} height={Math.max(160, units.length * 22 + 24)} />
        ) : (
          <Empty description="没有数据" />
        )}
        {inGroup.length > units.length && (
          <Typography.Text type="secondary">
            另有{inGroup.length - units.length}个单位为0，未列入图中。
          </Typography.Text>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="分组采用率" style={{ marginBottom: 16 }}>
            <EChart label="分组采用率" option={groupChart} height={260} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="报送覆盖" style={{ marginBottom: 16 }}>
            <EChart label="报送覆盖" option={coverageChart} height={260} />
          </Card>
        </Col>
      </Row>
      {data.silent.length > 0 && (
        <Card size="small" title={`从未报送的单位（${data.silent.length}个）`} style={{ marginBottom: 16 }}>
          {data.groups.map((g) => {
            const list = data.silent.filter((s) => s.groupName === g.name);
            return list.length ? (
              <div key={g.code} style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{g.name}：</Typography.Text>
                {list.map((s) => (
                  <Tag key={s.unitId} color="red" style={{ marginBottom: 4 }}>
                    {s.unitName}
                  </Tag>
                ))}
              </div>
            ) : null;
          })}
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="各刊物采用（本办公室考核口径）" style={{ marginBottom: 16 }}>
            {data.outlets.length ? (
              <EChart
                label="各刊物采用"
                option={outletChart}
                height={Math.max(160, data.outlets.length * 36 + 24)}
              />
            ) : (
              <Empty description="本期间没有采用" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={data.upward ? `向上采用（${data.upward.officeName}考核口径）` : '向上采用'}
            style={{ marginBottom: 16 }}
          >
            {data.upward ? (
              <>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  按《{data.upward.ruleSetName}》第{data.upward.versionNo}版，本期被上级采用
                  {data.upward.adoptions}条，计{data.upward.points}分
                  {data.upward.rank ? `，在${data.upward.peers}个单位中排名第${data.upward.rank}` : ''}。
                </Typography.Paragraph>
                {data.upward.outlets.length > 0 && (
                  <EChart
                    label="向上采用"
                    option={upwardChart}
                    height={Math.max(120, data.upward.outlets.length * 36 + 24)}
                  />
                )}
              </>
            ) : (
              <Empty description="上级办公室本期间没有已启用的考核办法" />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="各单位情况">
        <Table
          rowKey="unitId"
          size="small"
          bordered
          columns={unitColumns(onOpenUnit)}
          dataSource={data.units}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个单位` }}
        />
      </Card>
    </>
  );
}
