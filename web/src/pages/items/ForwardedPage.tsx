import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { cleared, ExportButton, ListTable, nextParams } from '../../components/list-kit/index.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { InstructionMark } from '../../features/instructions/InstructionMarkers.tsx';
import { ITEM_PAGE_SIZE, useItems } from '../../features/items/api.ts';
import { AdoptionLines } from '../../features/items/editor/AdoptionList.tsx';
import { ForwardedSummary } from '../../features/items/editor/ForwardedSummary.tsx';
import { ItemSearchForm } from '../../features/items/editor/ItemSearchForm.tsx';
import { FILTER_KEYS, hasFilters, parseListParams } from '../../features/items/editor/listParams.ts';
import { RecordAdoptionModal } from '../../features/items/editor/RecordAdoptionModal.tsx';
import { ROW_STYLES } from '../../features/items/editor/rowStyles.ts';
import { ItemStatusTag, PriorityTag } from '../../features/items/ItemTags.tsx';
import type { ItemSummary } from '../../features/items/types.ts';

/**
 * 转报与采用 (/items/forwarded): what this office forwarded upward, how the upper office is
 * handling each copy, what upper publications adopted, and the points that earns.
 */
export function ForwardedPage() {
  const [params, setParams] = useSearchParams();
  const { filters, page } = useMemo(() => {
    const parsed = parseListParams(params, 'all');
    // No status tabs here: every forwarded item, whatever this office's status of it.
    return { filters: { ...parsed.filters, sort: undefined, order: undefined }, page: parsed.page };
  }, [params]);
  const query = useItems('forwarded', filters, page);
  const [recording, setRecording] = useState<ItemSummary | null>(null);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(nextParams(params, changes), { replace: true });

  const columns: ColumnsType<ItemSummary> = [
    { title: '编号', dataIndex: 'serial', width: 60 },
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, r) => (
        <span title={title} className="xb-clamp-2">
          <PriorityTag priority={r.priority} />
          <InstructionMark count={r.instructionCount} />
          <Link to={`/items/${r.id}`}>{title}</Link>
        </span>
      ),
    },
    {
      title: '原报单位',
      key: 'origin',
      width: 130,
      ellipsis: true,
      render: (_: unknown, r) => r.originUnit.name,
    },
    {
      title: '本办',
      key: 'status',
      width: 84,
      render: (_: unknown, r) => <ItemStatusTag status={r.status} />,
    },
    {
      title: '上级办理',
      key: 'upper',
      width: 176,
      render: (_: unknown, r) =>
        r.forwardedTo ? (
          <div style={{ lineHeight: '22px' }}>
            <ItemStatusTag status={r.forwardedTo.status} />
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.forwardedTo.officeName}
              </Typography.Text>
            </div>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '上级采用',
      key: 'adoptions',
      width: 230,
      render: (_: unknown, r) => <AdoptionLines adoptions={r.adoptions} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 116,
      fixed: 'right',
      render: (_: unknown, r) =>
        r.actions.includes('record_adoption') ? (
          <Button type="link" size="small" onClick={() => setRecording(r)}>
            登记上级采用
          </Button>
        ) : (
          <Link to={`/items/${r.id}`}>查看</Link>
        ),
    },
  ];

  const emptyText = hasFilters(filters) ? (
    <Empty description="没有符合条件的转报信息。请调整或清除查询条件。">
      <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件</Button>
    </Empty>
  ) : (
    <Empty description="本办还没有转报上级的信息。在收稿箱中拟采用信息后，可在信息页面“转报”上级。" />
  );

  return (
    <>
      <style href="xb-queue-rows" precedence="medium">
        {ROW_STYLES}
      </style>
      <PageHeader
        title="转报与采用"
        description="本办转报上级的信息、上级办公室的办理情况和上级刊物的采用登记；统计随查询条件变化。"
      />
      <ForwardedSummary filters={filters} />
      <Card size="small" className="xb-queue">
        <ItemSearchForm filters={filters} onSearch={(changes) => update(changes)} compact />
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {query.data ? `共 ${query.data.total} 条转报信息` : ' '}
          </Typography.Text>
          <Space size={8}>
            <ExportButton
              url="/api/items/export.xlsx"
              filters={{ box: 'forwarded', ...filters }}
              fileName="转报与采用"
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
          empty={emptyText}
          columns={columns}
          scroll={{ x: 1000 }}
        />
      </Card>
      {recording && (
        <RecordAdoptionModal
          item={recording}
          open
          onClose={() => setRecording(null)}
          onDone={() => setRecording(null)}
        />
      )}
    </>
  );
}
