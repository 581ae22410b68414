import { DownloadOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Segmented,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { exportUrl, type Registry, type RegistryRow, useRegistry } from '../features/liaison/api.ts';
import { FilingForm } from '../features/liaison/FilingForm.tsx';
import { RevisionsDrawer } from '../features/liaison/RevisionsDrawer.tsx';
import { formatDateTime } from '../format.ts';

/** The year in Beijing: filings are per calendar year there, whatever the browser's zone. */
const thisYear = () =>
  Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(new Date()));

type UnitRef = { id: string; name: string };

function OfficeRegistry({
  entry,
  year,
  onHistory,
}: {
  entry: Registry['offices'][number];
  year: number;
  onHistory: (u: UnitRef) => void;
}) {
  const [params, setParams] = useSearchParams();
  const show = (params.get('show') as 'filed' | 'missing' | null) ?? 'all';
  const { message } = App.useApp();
  const rows = entry.units.filter((r) => show === 'all' || r.status === show);
  const columns: ColumnsType<RegistryRow> = [
    { title: '单位', key: 'unit', width: 180, fixed: 'left', render: (_, r) => r.unit.name },
    {
      title: '状态',
      key: 'status',
      width: 84,
      render: (_, r) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={r.status === 'filed' ? 'green' : 'red'}>{r.statusLabel}</Tag>
          {r.outdated && (
            <Tooltip title={r.outdated}>
              <Tag color="orange">待更新</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: '分管领导',
      key: 'leader',
      width: 170,
      render: (_, r) =>
        r.filing ? (
          <div style={{ lineHeight: 1.5 }}>
            {r.filing.leaderName}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {r.filing.leaderTitle}
            </Typography.Text>
            <div style={{ fontSize: 12 }}>{r.filing.leaderPhone}</div>
          </div>
        ) : null,
    },
    {
      title: '信息员',
      key: 'reporter',
      width: 130,
      render: (_, r) =>
        r.filing ? (
          <div style={{ lineHeight: 1.5 }}>
            {r.filing.reporterName}
            {r.filing.reporterTitle && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {r.filing.reporterTitle}
              </Typography.Text>
            )}
          </div>
        ) : null,
    },
    { title: '办公电话', key: 'phone', width: 130, render: (_, r) => r.filing?.reporterPhone },
    { title: '手机', key: 'mobile', width: 120, render: (_, r) => r.filing?.reporterMobile },
    {
      title: '电子邮箱',
      key: 'email',
      width: 170,
      ellipsis: true,
      render: (_, r) => r.filing?.reporterEmail,
    },
    {
      title: '更新',
      key: 'updated',
      width: 150,
      render: (_, r) =>
        r.filing ? (
          <div style={{ lineHeight: 1.5, fontSize: 12 }}>
            {formatDateTime(r.filing.updatedAt)}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.filing.lastChangedByName}
              {r.filing.version > 1 ? ` · 变更 ${r.filing.version - 1} 次` : ''}
            </Typography.Text>
          </div>
        ) : null,
    },
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_, r) =>
        r.filing ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onHistory(r.unit)}>
            变更记录
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      size="small"
      title={entry.office.name}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(exportUrl(year, entry.office.id), `${year}年度信息联络员通讯录.xlsx`).catch((e: Error) =>
              message.error(e.message),
            )
          }
        >
          导出通讯录
        </Button>
      }
    >
      <Flex gap={40} wrap style={{ marginBottom: 12 }}>
        <Statistic title="所辖单位" value={entry.total} />
        <Statistic title="已备案" value={entry.filed} styles={{ content: { color: '#389e0d' } }} />
        <Statistic
          title="未备案"
          value={entry.missing}
          styles={{ content: { color: entry.missing ? '#cf1322' : undefined } }}
        />
        <Statistic
          title="待更新"
          value={entry.outdated}
          styles={{ content: { color: entry.outdated ? '#d46b08' : undefined } }}
        />
      </Flex>
      {entry.outdated > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${entry.outdated} 个单位的备案信息员已不是在岗信息员，请提醒其变更备案`}
          description={entry.units
            .filter((u) => u.outdated)
            .map((u) => u.unit.name)
            .join('、')}
        />
      )}
      {entry.missing > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${year}年度尚未备案的单位（${entry.missing} 个）`}
          description={entry.missingUnits.map((u) => u.name).join('、')}
        />
      )}
      <Segmented
        style={{ marginBottom: 12 }}
        value={show}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          if (v === 'all') next.delete('show');
          else next.set('show', v);
          setParams(next, { replace: true });
        }}
        options={[
          { value: 'all', label: `全部 ${entry.total}` },
          { value: 'filed', label: `已备案 ${entry.filed}` },
          { value: 'missing', label: `未备案 ${entry.missing}` },
        ]}
      />
      <Table<RegistryRow>
        rowKey={(r) => r.unit.id}
        size="small"
        dataSource={rows}
        columns={columns}
        scroll={{ x: 1240 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
        rowClassName={(r) => (r.status === 'missing' ? 'xb-liaison-missing' : '')}
      />
    </Card>
  );
}

function OwnFiling({
  entry,
  year,
  onHistory,
}: {
  entry: Registry['own'][number];
  year: number;
  onHistory: (u: UnitRef) => void;
}) {
  const [editing, setEditing] = useState(false);
  const { filing } = entry;
  const canChange = entry.actions.length > 0;
  return (
    <Card
      size="small"
      title={`${entry.unit.name} ${year}年度信息联络员`}
      extra={
        <Flex gap={8}>
          {filing && (
            <Button icon={<HistoryOutlined />} onClick={() => onHistory(entry.unit)}>
              变更记录
            </Button>
          )}
          {filing && canChange && !editing && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              变更
            </Button>
          )}
        </Flex>
      }
    >
      {!filing && !canChange ? (
        <Empty description={`${year}年度没有备案`} />
      ) : !filing || editing ? (
        <>
          {!filing && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`请填报本单位${year}年度的分管领导和信息员，报${entry.office.name}备案。人员变动时请及时变更。`}
            />
          )}
          <FilingForm
            unitId={entry.unit.id}
            year={year}
            filing={filing}
            onDone={() => setEditing(false)}
            onCancel={filing ? () => setEditing(false) : undefined}
          />
        </>
      ) : (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'leader', label: '分管领导', children: `${filing.leaderName}（${filing.leaderTitle}）` },
            { key: 'leaderPhone', label: '领导电话', children: filing.leaderPhone },
            {
              key: 'reporter',
              label: '信息员',
              children: filing.reporterTitle
                ? `${filing.reporterName}（${filing.reporterTitle}）`
                : filing.reporterName,
            },
            { key: 'phone', label: '办公电话', children: filing.reporterPhone },
            { key: 'mobile', label: '手机', children: filing.reporterMobile ?? '—' },
            { key: 'email', label: '电子邮箱', children: filing.reporterEmail ?? '—' },
            {
              key: 'updated',
              label: '最近更新',
              children: `${filing.lastChangedByName} ${formatDateTime(filing.updatedAt)}`,
            },
            {
              key: 'filed',
              label: '首次备案',
              children: `${filing.filedByName} ${formatDateTime(filing.filedAt)}`,
            },
          ]}
        />
      )}
    </Card>
  );
}

/**
 * 联络员备案 (/liaison): each unit files its 分管领导 and 信息员 once a year and keeps them current;
 * the office sees every member unit, who has not filed, each change, and exports the 通讯录.
 */
export function LiaisonPage() {
  const [params, setParams] = useSearchParams();
  const current = thisYear();
  const year = Number(params.get('year')) || current;
  const query = useRegistry(year);
  const [history, setHistory] = useState<UnitRef | null>(null);
  const data = query.data;
  const years = Array.from({ length: 4 }, (_, i) => current + 1 - i);
  return (
    <>
      <PageHeader
        title="联络员备案"
        description="各单位每年报备分管信息工作的领导和信息员，人员变动及时变更；每年 1 月提醒备案。"
        extra={
          <Select
            value={year}
            style={{ width: 120 }}
            aria-label="年度"
            onChange={(y) => {
              const next = new URLSearchParams(params);
              if (y === current) next.delete('year');
              else next.set('year', String(y));
              setParams(next, { replace: true });
            }}
            options={years.map((y) => ({ value: y, label: `${y}年度` }))}
          />
        }
      />
      <style href="xb-liaison" precedence="medium">
        {'.xb-liaison-missing > td { background: #fff7f6; }'}
      </style>
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          {data?.offices.map((o) => (
            <OfficeRegistry key={o.office.id} entry={o} year={year} onHistory={setHistory} />
          ))}
          {data?.own.map((o) => (
            <OwnFiling key={o.unit.id} entry={o} year={year} onHistory={setHistory} />
          ))}
          {!data?.own.length && !data?.offices.length && <Empty description="没有需要备案的单位" />}
        </Flex>
      )}
      <RevisionsDrawer unit={history} year={year} onClose={() => setHistory(null)} />
    </>
  );
}
