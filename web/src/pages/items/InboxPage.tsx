import { CheckOutlined, MergeCellsOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Space, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { STATUS_LABELS } from '../../../../server/modules/items/workflow.ts';
import {
  cleared,
  columnSortOrder,
  ExportButton,
  ListTable,
  nextParams,
} from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { InstructionMark } from '../../features/instructions/InstructionMarkers.tsx';
import { ITEM_PAGE_SIZE, useItems } from '../../features/items/api.ts';
import { BatchActionModal, type BatchKind } from '../../features/items/editor/BatchActionModal.tsx';
import { DeadlineCell, useNow } from '../../features/items/editor/DeadlineCell.tsx';
import { isOverdueAt } from '../../features/items/editor/deadline.ts';
import { ItemSearchForm } from '../../features/items/editor/ItemSearchForm.tsx';
import {
  apiFilters,
  FILTER_KEYS,
  hasFilters,
  INBOX_TABS,
  type InboxTab,
  parseListParams,
} from '../../features/items/editor/listParams.ts';
import { MergeModal } from '../../features/items/editor/MergeModal.tsx';
import { ROW_STYLES } from '../../features/items/editor/rowStyles.ts';
import { ShortcutHint } from '../../features/items/editor/ShortcutHint.tsx';
import { useRowKeyboard } from '../../features/items/editor/useRowKeyboard.ts';
import { ItemStatusTag, PriorityTag, SecrecyTag } from '../../features/items/ItemTags.tsx';
import type { ItemSummary } from '../../features/items/types.ts';
import { formatDateTime } from '../../format.ts';

const TAB_LABELS: Record<InboxTab, string> = {
  submitted: `${STATUS_LABELS.submitted} · 待处理`,
  accepted: STATUS_LABELS.accepted,
  returned: STATUS_LABELS.returned,
  rejected: STATUS_LABELS.rejected,
  merged: STATUS_LABELS.merged,
  all: '全部',
};

/** Why a batch button is off, or null when every selected item allows the action. */
function refusal(
  selected: ItemSummary[],
  action: 'accept' | 'return' | 'merge',
  label: string,
): string | null {
  if (action === 'merge' && selected.length < 2) return '请至少选择两条“已报送”的信息';
  if (selected.length === 0) return '请先勾选信息';
  const blocked = selected.filter((i) => !i.actions.includes(action));
  if (blocked.length === 0) return null;
  return `所选信息中有 ${blocked.length} 条当前不能${label}（如编号 ${blocked[0].serial}，状态为“${blocked[0].statusLabel}”）`;
}

/**
 * 收稿箱 (/inbox): the office's one intake queue across all its units and lower offices —
 * urgent items first with their countdowns, filters in the URL, batch 拟采用/退回, 合报, and
 * keyboard work through the rows.
 */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { tab, filters, page } = useMemo(() => parseListParams(params), [params]);
  const query = useItems('inbox', apiFilters(tab, filters), page);
  const rows = query.data?.items ?? [];
  const now = useNow();

  const [selected, setSelected] = useState<ItemSummary[]>([]);
  const [active, setActive] = useState(-1);
  const [batch, setBatch] = useState<{ kind: BatchKind; items: ItemSummary[] } | null>(null);
  const [merging, setMerging] = useState(false);

  // A new view or page starts with nothing selected; the highlight stays within the rows on screen.
  const viewKey = JSON.stringify([tab, filters, page]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: viewKey stands for the view
  useEffect(() => setSelected([]), [viewKey]);
  useEffect(() => setActive((a) => Math.min(a, rows.length - 1)), [rows.length]);

  // The selection keeps the order of picking (合报 takes the first as the reporting unit) and
  // the freshest version of each row, which the batch request must carry; a row that has left
  // the list since (decided by someone else) is no longer selected.
  const fresh = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const selectedItems = useMemo(() => selected.flatMap((s) => fresh.get(s.id) ?? []), [selected, fresh]);

  const toggle = (item: ItemSummary) =>
    setSelected((cur) =>
      cur.some((s) => s.id === item.id) ? cur.filter((s) => s.id !== item.id) : [...cur, item],
    );

  const open = (item: ItemSummary) =>
    navigate(`/items/${item.id}`, { state: { from: `${location.pathname}${location.search}` } });

  useRowKeyboard({
    count: rows.length,
    active,
    setActive,
    onOpen: (i) => open(rows[i]),
    onToggle: (i) => toggle(rows[i]),
    enabled: !batch && !merging,
  });

  useEffect(() => {
    const id = rows[active]?.id;
    if (id)
      document.querySelector(`.xb-queue tr[data-row-key="${id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active, rows]);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(nextParams(params, changes), { replace: true });

  const counts = query.data?.counts ?? {};
  const total = (Object.values(counts) as number[]).reduce((a, b) => a + b, 0);
  const countOf = (t: InboxTab) => (t === 'all' ? total : (counts[t] ?? 0));

  // The server's defaults: the soonest deadline first, the newest report first.
  const sortOrderOf = (key: 'submittedAt' | 'deadline') =>
    columnSortOrder(key, filters, key === 'deadline' ? 'asc' : 'desc');

  const alertRow = (r: ItemSummary) =>
    isOverdueAt(r, now) || (r.priority === 'urgent' && r.status === 'submitted');

  const columns: ColumnsType<ItemSummary> = [
    { title: '编号', dataIndex: 'serial', width: 64 },
    {
      title: '标题',
      dataIndex: 'title',
      // Two lines at most: an editor must be able to read the title without opening the item.
      render: (title: string, r) => (
        <Link
          to={`/items/${r.id}`}
          state={{ from: `${location.pathname}${location.search}` }}
          title={title}
          className="xb-clamp-2"
        >
          <InstructionMark count={r.instructionCount} />
          {title}
        </Link>
      ),
    },
    {
      title: '报送单位',
      key: 'unit',
      width: 160,
      ellipsis: true,
      // A forwarded copy comes from the lower office; the unit that wrote it matters as much.
      render: (_: unknown, r) => (
        <div style={{ lineHeight: '20px' }}>
          <div title={r.submittingUnit.name} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {r.submittingUnit.name}
          </div>
          {r.originUnit.id !== r.submittingUnit.id && (
            <Typography.Text
              type="secondary"
              ellipsis
              style={{ fontSize: 12 }}
              title={`原报单位：${r.originUnit.name}`}
            >
              原报：{r.originUnit.name}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '类别', dataIndex: 'categoryLabel', width: 64 },
    {
      title: '紧急',
      key: 'priority',
      width: 76,
      render: (_: unknown, r) => (
        <>
          <PriorityTag priority={r.priority} />
          <SecrecyTag secrecy={r.secrecy} />
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      // Each other tab is one status already.
      hidden: tab !== 'all',
      render: (_: unknown, r) => <ItemStatusTag status={r.status} />,
    },
    {
      title: '报送时间',
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 142,
      sorter: true,
      // Newest first on the first click.
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf('submittedAt'),
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: '时限',
      key: 'deadline',
      width: 140,
      // Only undecided items run against the clock (in 全部 the red rows show what is overdue).
      hidden: tab !== 'submitted',
      sorter: true,
      // Soonest deadline first on the first click.
      sortDirections: ['ascend', 'descend'],
      sortOrder: sortOrderOf('deadline'),
      render: (_: unknown, r) => <DeadlineCell item={r} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 116,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          {r.actions.includes('accept') && (
            <Button type="link" size="small" onClick={() => setBatch({ kind: 'accept', items: [r] })}>
              拟采用
            </Button>
          )}
          {r.actions.includes('return') && (
            <Button type="link" size="small" danger onClick={() => setBatch({ kind: 'return', items: [r] })}>
              退回
            </Button>
          )}
          {!r.actions.includes('accept') && !r.actions.includes('return') && (
            <Button type="link" size="small" onClick={() => open(r)}>
              查看
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filtered = hasFilters(filters);
  const emptyText = filtered ? (
    <Empty description="没有符合条件的信息。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty
      description={tab === 'submitted' ? '暂无待处理信息' : `暂无“${TAB_LABELS[tab]}”的信息`}
      image={Empty.PRESENTED_IMAGE_SIMPLE}
    />
  );

  const acceptRefusal = refusal(selectedItems, 'accept', '拟采用');
  const returnRefusal = refusal(selectedItems, 'return', '退回');
  const mergeRefusal = refusal(selectedItems, 'merge', '合报');

  return (
    <>
      <style href="xb-queue-rows" precedence="medium">
        {ROW_STYLES}
      </style>
      <PageHeader
        title="收稿箱"
        description="各单位和下级办公室报送本办的信息。紧急件、送阅件排在前面，超时未处理的标红。"
      />
      <Card size="small" className="xb-queue">
        <ItemSearchForm filters={filters} onSearch={(changes) => update(changes)} />
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ status: key === 'submitted' ? undefined : key })}
          size="small"
          style={{ marginBottom: 4 }}
          items={INBOX_TABS.map((t) => ({
            key: t,
            label: (
              <span>
                {TAB_LABELS[t]}{' '}
                {/* A placeholder while loading keeps the tab widths (and the ink bar) still. */}
                <Badge
                  count={query.data ? countOf(t) : '…'}
                  showZero
                  overflowCount={9999}
                  color={t === 'submitted' && countOf(t) > 0 ? '#1f4e9c' : '#bfbfbf'}
                  size="small"
                />
              </span>
            ),
          }))}
        />
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
          <Space wrap size={8}>
            <Typography.Text type={selectedItems.length ? undefined : 'secondary'}>
              已选 {selectedItems.length} 条
            </Typography.Text>
            <Tooltip title={acceptRefusal}>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={!!acceptRefusal}
                onClick={() => setBatch({ kind: 'accept', items: selectedItems })}
              >
                批量拟采用
              </Button>
            </Tooltip>
            <Tooltip title={returnRefusal}>
              <Button
                icon={<RollbackOutlined />}
                disabled={!!returnRefusal}
                onClick={() => setBatch({ kind: 'return', items: selectedItems })}
              >
                批量退回
              </Button>
            </Tooltip>
            <Tooltip title={mergeRefusal ?? '将所选信息合为一条，分值由各单位平均分享'}>
              <Button
                icon={<MergeCellsOutlined />}
                disabled={!!mergeRefusal}
                onClick={() => setMerging(true)}
              >
                合报
              </Button>
            </Tooltip>
            {selectedItems.length > 0 && (
              <Button type="link" onClick={() => setSelected([])} style={{ paddingInline: 4 }}>
                清除选择
              </Button>
            )}
          </Space>
          <Space size={12}>
            <ShortcutHint />
            <ExportButton
              url="/api/items/export.xlsx"
              filters={{ box: 'inbox', ...apiFilters(tab, filters) }}
              fileName="收稿箱"
              total={query.data?.total}
            />
            <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
              刷新
            </Button>
          </Space>
        </Flex>
        {query.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          </div>
        )}
        <ListTable<ItemSummary>
          query={query}
          page={page}
          pageSize={ITEM_PAGE_SIZE}
          onPage={(p) => update({ page: p > 1 ? String(p) : undefined })}
          // A new sort starts again on the first page.
          onSort={({ sort, order }) => update({ sort, order })}
          empty={emptyText}
          columns={columns}
          scroll={{ x: 960 }}
          rowClassName={(r, i) =>
            [alertRow(r) ? 'xb-row-alert' : '', i === active ? 'xb-row-active' : ''].filter(Boolean).join(' ')
          }
          onRow={(_r, i) => ({ onClick: () => setActive(i ?? -1) })}
          rowSelection={{
            selectedRowKeys: selectedItems.map((s) => s.id),
            columnWidth: 40,
            onChange: (keys) => {
              const wanted = new Set(keys as string[]);
              setSelected((cur) => {
                const kept = cur.filter((s) => wanted.has(s.id));
                const known = new Set(kept.map((s) => s.id));
                return [...kept, ...rows.filter((r) => wanted.has(r.id) && !known.has(r.id))];
              });
            },
          }}
        />
      </Card>
      <BatchActionModal
        kind={batch?.kind ?? null}
        items={batch?.items ?? []}
        onClose={() => setBatch(null)}
        onDone={() => {
          const done = new Set(batch?.items.map((i) => i.id));
          setSelected((cur) => cur.filter((s) => !done.has(s.id)));
          setBatch(null);
        }}
      />
      <MergeModal
        items={selectedItems}
        open={merging}
        onClose={() => setMerging(false)}
        onDone={(merged) => {
          setMerging(false);
          setSelected([]);
          navigate(`/items/${merged.id}`, { state: { from: `${location.pathname}${location.search}` } });
        }}
      />
    </>
  );
}
