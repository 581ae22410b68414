import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';
import type { Statistics } from '../api.ts';
import { groupRateOption, monthOption, outletOption, unitsOption } from './charts.ts';
import { Kpis } from './Kpis.tsx';
import { officeKpis } from './OfficeView.tsx';

const TOP = 10;

/**
 * The leader's one screen (领导一屏): the office's headline figures and four charts — the months,
 * the ten units with the most points, adoption rate per group, adoptions per publication — sized
 * to fit a 1440×900 screen without scrolling.
 */
export function LeaderScreen({ data }: { data: Statistics }) {
  const top = useMemo(
    () => [...data.units].sort((a, b) => Number(b.points) - Number(a.points)).slice(0, TOP),
    [data.units],
  );
  const charts = useMemo(
    () => ({
      months: monthOption(data.months),
      top: unitsOption(top, 'points'),
      groups: groupRateOption(data.groups),
      outlets: outletOption(data.upward?.outlets.length ? data.upward.outlets : data.outlets),
    }),
    [data, top],
  );
  const h = 180;
  return (
    <>
      <Kpis items={officeKpis(data)} compact />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="报送与采用（按月）">
            <EChart label="按月报送与采用" option={charts.months} height={h} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`得分前${TOP}名`}>
            <EChart label="得分前十名" option={charts.top} height={h} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="分组采用率">
            <EChart label="分组采用率" option={charts.groups} height={h} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={data.upward?.outlets.length ? '上级刊物采用' : '各刊物采用'}>
            <EChart label="刊物采用" option={charts.outlets} height={h} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
