import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Flex,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { download } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { type EntryKind, entriesExportUrl, type LedgerEntry, useEntries } from './api.ts';

const KIND_OPTIONS: { value: EntryKind; label: string }[] = [
  { value: 'submission', label: '报送' },
  { value: 'adoption', label: '采用' },
  { value: 'forward', label: '报送上级' },
  { value: 'instruction', label: '领导批示' },
  { value: 'commission', label: '约稿' },
  { value: 'assignment', label: '批示反馈' },
  { value: 'late_urgent', label: '紧急信息迟报' },
  { value: 'adjustment', label: '加减分' },
  { value: 'quota', label: '任务完成' },
  { value: 'adoption_rate', label: '采用率' },
  { value: 'zero_out', label: '清零' },
  { value: 'floor', label: '保底' },
  { value: 'cap', label: '封顶' },
];

const signed = (p: string) => (p.startsWith('-') ? p : p === '0' ? '0' : `+${p}`);

/**
 * 得分明细 (drill-down): every ledger entry behind one unit's figure in the range, each linked to
 * the item, instruction or commission it came from.
 */
export function EntriesDrawer({
  open,
  onClose,
  ruleSetId,
  unit,
  from,
  to,
  periodLabel,
}: {
  open: boolean;
  onClose: () => void;
  ruleSetId: string;
  unit: { id: string; name: string } | null;
  from: string;
  to: string;
  periodLabel: string;
}) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<EntryKind | undefined>(undefined);
  const exportEntries = async () => {
    if (!unit) return;
    try {
      await download(
        entriesExportUrl({ ruleSetId, unitId: unit.id, from, to, kind }),
        `得分明细-${unit.name}-${from}至${to}.xlsx`,
      );
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    }
  };
  const query = useEntries(open && unit ? { ruleSetId, unitId: unit.id, from, to, kind } : null);
  const columns: ColumnsType<LedgerEntry> = [
    { title: '日期', dataIndex: 'on', width: 104 },
    { title: '类别', dataIndex: 'kindLabel', width: 96, render: (v: string) => <Tag>{v}</Tag> },
    {
      title: '计分事项',
      dataIndex: 'detail',
      render: (v: string, e) => (
        <span>
          {v}
          {e.link && (
            <>
              {' '}
              <Link to={e.link}>{e.itemSerial ? `查看信息 #${e.itemSerial}` : '查看'}</Link>
            </>
          )}
        </span>
      ),
    },
    {
      title: '得分',
      dataIndex: 'points',
      width: 80,
      align: 'right',
      render: (p: string) => (
        <Typography.Text
          type={p.startsWith('-') ? 'danger' : p === '0' ? 'secondary' : undefined}
          strong={p !== '0'}
        >
          {signed(p)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={unit ? `${unit.name} · ${periodLabel}得分明细` : '得分明细'}
      destroyOnHidden
    >
      <Flex justify="space-between" align="center" gap={12} style={{ marginBottom: 12 }} wrap>
        <Space>
          <Select
            allowClear
            placeholder="全部类别"
            style={{ width: 160 }}
            options={KIND_OPTIONS}
            value={kind}
            onChange={setKind}
            aria-label="明细类别"
          />
          <Button icon={<DownloadOutlined />} onClick={exportEntries} disabled={!query.data}>
            导出Excel
          </Button>
        </Space>
        {query.data && (
          <Statistic title={kind ? '本类合计' : '合计得分'} value={query.data.total} suffix="分" />
        )}
      </Flex>
      {query.data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          依据《{query.data.ruleSet.name}》第{query.data.ruleSet.versionNo}版计算。
        </Typography.Paragraph>
      )}
      {query.data?.truncated && (
        <Alert type="info" showIcon title="明细较多，仅显示前 5000 条" style={{ marginBottom: 8 }} />
      )}
      {query.error ? (
        <QueryError error={query.error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={query.isFetching}
          columns={columns}
          dataSource={query.data?.entries ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="本期没有计分记录" /> }}
        />
      )}
    </Drawer>
  );
}
