import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Select, Spin, Typography } from 'antd';
import { download } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { statisticsExportUrl, useStatistics } from '../../features/assessment/api.ts';
import { PeriodBar, ScopeNotice, useAssessmentScope } from '../../features/assessment/PeriodBar.tsx';
import { periodTitle } from '../../features/assessment/periods.ts';
import { LeaderScreen } from '../../features/assessment/statistics/LeaderScreen.tsx';
import { OfficeView } from '../../features/assessment/statistics/OfficeView.tsx';
import { UnitView } from '../../features/assessment/statistics/UnitView.tsx';
import { formatDateTime } from '../../format.ts';

type View = 'office' | 'screen';

/**
 * 统计分析 (/statistics, docs/screens.md): the office's 信息科 sees the whole office (全貌) and can
 * open any unit; a leader opens on one screen of the office's figures (一屏); a unit's 信息员 and
 * 签发人 see their own unit's figures, trend and rank. Period and office in the URL, as 考评排名.
 */
export function StatisticsPage() {
  const { message } = App.useApp();
  const scope = useAssessmentScope('year');
  const { params, state, range, officeId, office, setParam } = scope;
  const insider = office?.relation === 'staff' || office?.relation === 'leader';
  const ownUnits = office?.ownUnitIds ?? [];
  const unitId = params.get('unitId') ?? (insider ? undefined : ownUnits[0]);
  const view: View =
    (params.get('view') as View | null) ?? (office?.relation === 'leader' ? 'screen' : 'office');
  const query = useStatistics(officeId && range && office ? { officeId, ...range, unitId } : null);
  const data = query.data;

  const exportTable = async () => {
    if (!officeId || !range) return;
    try {
      await download(statisticsExportUrl({ officeId, ...range }), `统计分析-${range.from}至${range.to}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    }
  };

  return (
    <>
      <PageHeader
        title="统计分析"
        description={
          view === 'screen' && !unitId
            ? undefined
            : '报送与采用的走势、各单位对比、分组采用率、报送覆盖和向上采用，数据与考评排名同源。'
        }
        extra={
          insider && !unitId && view === 'office' ? (
            <Button icon={<DownloadOutlined />} onClick={exportTable} disabled={!data}>
              导出Excel
            </Button>
          ) : undefined
        }
      />
      <PeriodBar scope={scope}>
        {insider && (
          <Segmented
            aria-label="视图"
            value={unitId ? 'unit' : view}
            options={[
              { value: 'office', label: '全貌' },
              { value: 'screen', label: '一屏' },
              ...(unitId ? [{ value: 'unit', label: '单位' }] : []),
            ]}
            onChange={(v) => {
              const p = new URLSearchParams(params);
              p.delete('unitId');
              if (v !== 'unit') p.set('view', v as string);
              scope.setParams(p, { replace: true });
            }}
          />
        )}
        {(insider || ownUnits.length > 1) && data && (
          <Select
            aria-label="单位"
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            placeholder={insider ? '查看单个单位' : '选择单位'}
            style={{ minWidth: 200 }}
            value={unitId}
            onChange={(v) => setParam('unitId', v ?? null)}
            options={data.units
              .filter((u) => insider || ownUnits.includes(u.unitId))
              .map((u) => ({ value: u.unitId, label: u.unitName }))}
          />
        )}
        {data && (
          <Typography.Text type="secondary">
            依据：《{data.ruleSet.name}》第{data.ruleSet.versionNo}版
            {data.computedAt ? `；计算于 ${formatDateTime(data.computedAt)}` : ''}
          </Typography.Text>
        )}
      </PeriodBar>
      <ScopeNotice scope={scope} error={query.error} what="统计" lead="统计依据考核办法计算，" />
      {query.isLoading && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {data && (
        <section aria-label={`${periodTitle(state)}统计`} style={{ opacity: query.isFetching ? 0.6 : 1 }}>
          {data.unit ? (
            <UnitView data={data} />
          ) : view === 'screen' ? (
            <LeaderScreen data={data} />
          ) : (
            <OfficeView data={data} onOpenUnit={(u) => setParam('unitId', u.unitId)} />
          )}
        </section>
      )}
    </>
  );
}
