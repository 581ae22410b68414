import { DownloadOutlined, ExperimentOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Segmented,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { download } from '../../../api/client.ts';
import { errorMessage } from '../../orgs/formErrors.ts';
import { type Preview, type RuleSetInput, usePreview } from '../api.ts';
import {
  type DayRange,
  defaultChoice,
  outside,
  pastOf,
  type RangeChoice,
  type RangeKind,
  rangeOf,
  rangeTitle,
} from './previewRange.ts';

type PreviewRow = Preview['groups'][number]['rows'][number];

const MOVED_BG = '#fffbe6';
const num = (t: string | null) => (t === null ? null : Number(t));

function RankChange({ r }: { r: PreviewRow }) {
  if (r.beforeRank === null) return <Tag color="blue">新进排名</Tag>;
  if (!r.moved) return <Typography.Text type="secondary">—</Typography.Text>;
  const up = r.beforeRank - r.rank;
  return up > 0 ? <Tag color="green">↑ {up}</Tag> : <Tag color="red">↓ {-up}</Tag>;
}

function Delta({ r }: { r: PreviewRow }) {
  const before = num(r.beforePoints);
  if (before === null) return null;
  const d = Math.round((Number(r.points) - before) * 10_000) / 10_000;
  if (d === 0) return null;
  return (
    <Typography.Text type={d > 0 ? 'success' : 'danger'} style={{ fontSize: 12, marginInlineStart: 4 }}>
      {d > 0 ? `+${d}` : d}
    </Typography.Text>
  );
}

const cell = (r: PreviewRow) => ({ style: r.moved ? { background: MOVED_BG } : undefined });

const columns: ColumnsType<PreviewRow> = [
  { title: '单位', dataIndex: 'unitName', onCell: cell },
  {
    title: '现行',
    children: [
      {
        title: '得分',
        key: 'beforePoints',
        width: 80,
        align: 'right',
        onCell: cell,
        render: (_: unknown, r) => r.beforePoints ?? '—',
      },
      {
        title: '名次',
        key: 'beforeRank',
        width: 60,
        align: 'center',
        onCell: cell,
        render: (_: unknown, r) => r.beforeRank ?? '—',
      },
    ],
  },
  {
    title: '测算',
    children: [
      {
        title: '得分',
        key: 'points',
        width: 100,
        align: 'right',
        onCell: cell,
        render: (_: unknown, r) => (
          <>
            <Typography.Text strong>{r.points}</Typography.Text>
            <Delta r={r} />
          </>
        ),
      },
      { title: '名次', dataIndex: 'rank', width: 60, align: 'center', onCell: cell },
    ],
  },
  {
    title: '名次变化',
    key: 'moved',
    width: 96,
    align: 'center',
    onCell: cell,
    render: (_: unknown, r) => <RankChange r={r} />,
  },
];

/**
 * 模拟测算: the rules as they stand in the form (saved or not) replayed on a past month, quarter
 * or the period so far, beside the figures of the rule set in force; rows whose rank moves are
 * marked. Nothing is stored.
 */
export function PreviewDrawer({
  open,
  onClose,
  period,
  collect,
}: {
  open: boolean;
  onClose: () => void;
  /** The form's period, as it stands. */
  period: DayRange | null;
  /** The form's values as the API takes them, or null when the form does not validate. */
  collect: () => Promise<RuleSetInput | null>;
}) {
  const { message } = App.useApp();
  const preview = usePreview();
  const today = dayjs();
  const past = useMemo(() => (period ? pastOf(period, dayjs()) : null), [period]);
  const [choice, setChoice] = useState<RangeChoice | null>(null);
  const [ran, setRan] = useState<{ title: string; range: DayRange } | null>(null);

  // A new period (or the first opening) starts from the default range.
  useEffect(() => {
    setChoice(past ? defaultChoice(past, dayjs()) : null);
  }, [past]);

  const range = choice && past ? rangeOf(choice, past) : null;
  const run = async () => {
    if (!range || !choice) return;
    const input = await collect();
    if (!input) {
      message.error('表单中有需要改正的内容（已标红），请改正后再测算');
      return;
    }
    preview.mutate(
      {
        rules: input.rules,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        from: range.from,
        to: range.to,
      },
      {
        onSuccess: () => setRan({ title: rangeTitle(choice, range), range }),
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  };
  const setKind = (kind: RangeKind) => {
    if (!past) return;
    if (kind === 'period') setChoice({ kind, at: past.from });
    else {
      const d = dayjs(past.to);
      const at = (
        kind === 'month' ? d.startOf('month') : d.startOf('month').month(Math.floor(d.month() / 3) * 3)
      ).format('YYYY-MM-DD');
      setChoice({ kind, at });
    }
  };

  const data = preview.data;
  const moved = data?.groups.reduce((n, g) => n + g.rows.filter((r) => r.moved).length, 0) ?? 0;
  return (
    <Drawer open={open} onClose={onClose} size={860} title="模拟测算" forceRender>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        用表单中当前的规则（含未保存的修改）重算过去一段时间的得分和名次，与现行考核办法对比；测算结果不保存。
      </Typography.Paragraph>
      {!past ? (
        <Alert
          type="info"
          showIcon
          title={period ? `考核期间从 ${period.from} 开始，尚无可测算的数据` : '请先填写考核期间'}
        />
      ) : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <Segmented<RangeKind>
              value={choice?.kind ?? 'period'}
              onChange={setKind}
              options={[
                { value: 'month', label: '月度' },
                { value: 'quarter', label: '季度' },
                { value: 'period', label: '考核期间至今' },
              ]}
            />
            {choice?.kind === 'month' && (
              <DatePicker
                picker="month"
                format="YYYY年M月"
                style={{ width: 140 }}
                allowClear={false}
                aria-label="测算月份"
                value={dayjs(choice.at)}
                disabledDate={outside('month', past)}
                onChange={(d) =>
                  d && setChoice({ kind: 'month', at: d.startOf('month').format('YYYY-MM-DD') })
                }
              />
            )}
            {choice?.kind === 'quarter' && (
              <DatePicker
                picker="quarter"
                format="YYYY年第Q季度"
                style={{ width: 160 }}
                allowClear={false}
                aria-label="测算季度"
                value={dayjs(choice.at)}
                disabledDate={outside('quarter', past)}
                onChange={(d) =>
                  d &&
                  setChoice({
                    kind: 'quarter',
                    at: d
                      .startOf('month')
                      .month(Math.floor(d.month() / 3) * 3)
                      .format('YYYY-MM-DD'),
                  })
                }
              />
            )}
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {range ? `${range.from} 至 ${range.to}` : '所选期间不在考核期间内'}
            </Typography.Text>
            <Button
              type="primary"
              icon={<ExperimentOutlined />}
              onClick={run}
              loading={preview.isPending}
              disabled={!range}
              style={{ marginInlineStart: 'auto' }}
            >
              开始测算
            </Button>
          </Flex>
          {range && range.to === today.format('YYYY-MM-DD') && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
              本期间尚未结束，测算到今天为止。
            </Typography.Text>
          )}
        </Card>
      )}
      {data && ran && (
        <Flex vertical gap={12} data-testid="preview-result">
          <Flex justify="end">
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(
                  '/api/assessment/preview.xlsx',
                  `模拟测算-${ran.range.from}至${ran.range.to}.xlsx`,
                  preview.variables,
                ).catch((e) => message.error(errorMessage(e)))
              }
            >
              导出Excel
            </Button>
          </Flex>
          <Typography.Text>
            <Typography.Text strong>{ran.title}</Typography.Text>（{ran.range.from} 至 {ran.range.to}）
            {data.compareWith
              ? `，对比现行《${data.compareWith.name}》第${data.compareWith.versionNo}版`
              : '，本期间没有已启用的考核办法，现行得分为空'}
            {data.groups.length > 0 && (moved ? `；${moved} 个单位名次变化（已标黄）。` : '；名次没有变化。')}
          </Typography.Text>
          {data.problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={`测算的规则有 ${data.problems.length} 处问题${data.groups.length ? '，结果仅供参考' : '，无法测算'}`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {data.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          {data.groups.map((g) => (
            <Card key={g.code} size="small" title={`${g.name}（${g.rows.length}个单位）`}>
              <Table<PreviewRow>
                rowKey="unitId"
                size="small"
                bordered
                pagination={false}
                scroll={{ x: 560 }}
                columns={columns}
                dataSource={g.rows}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该分组没有单位" />,
                }}
              />
            </Card>
          ))}
        </Flex>
      )}
    </Drawer>
  );
}
