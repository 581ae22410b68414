import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useDictionary } from '../../features/dictionaries/api.ts';
import { useOrgs, useReactivateOrg } from '../../features/orgs/api.ts';
import { DeactivateOrgModal } from '../../features/orgs/DeactivateOrgModal.tsx';
import { ancestorIds, filterOrgs, type OrgFilters, treeOrder } from '../../features/orgs/filter.ts';
import { errorMessage } from '../../features/orgs/formErrors.ts';
import { ImportOrgsModal } from '../../features/orgs/ImportOrgsModal.tsx';
import { MoveOrgModal } from '../../features/orgs/MoveOrgModal.tsx';
import { OrgDetailDrawer } from '../../features/orgs/OrgDetailDrawer.tsx';
import { OrgFormModal } from '../../features/orgs/OrgFormModal.tsx';
import { OrgStatusTag } from '../../features/orgs/OrgStatusTag.tsx';
import { OrgTree } from '../../features/orgs/OrgTree.tsx';
import { KIND_LABELS, type Org, type OrgKind } from '../../features/orgs/types.ts';

const PAGE_SIZE = 20;

/** 单位管理 (/admin/orgs): the registry as a tree beside a filterable table, with import and export. */
export function OrgsPage() {
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const orgsQuery = useOrgs();
  const orgs = orgsQuery.data ?? [];
  const categories = useDictionary('unit_category');
  const groups = useDictionary('assessment_group');
  const reactivate = useReactivateOrg();

  const filters = useMemo<OrgFilters>(
    () => ({
      parentId: params.get('parent'),
      q: params.get('q') ?? '',
      kind: (params.get('kind') as OrgKind | null) ?? null,
      category: params.get('category'),
      group: params.get('group'),
      status: (params.get('status') as OrgFilters['status']) ?? null,
      showInactive: params.get('inactive') === '1' || params.get('status') === 'inactive',
    }),
    [params],
  );
  const page = Math.max(1, Number(params.get('page')) || 1);
  const detailId = params.get('org');

  /** Changes some query-string values (null removes one) and goes back to page 1 unless told otherwise. */
  const update = (changes: Record<string, string | null>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage && !('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const scope = filters.parentId ? byId.get(filters.parentId) : undefined;
  const ordered = useMemo(() => treeOrder(orgs), [orgs]);
  const rows = useMemo(() => filterOrgs(ordered, filters), [ordered, filters]);
  const detail = detailId ? (byId.get(detailId) ?? null) : null;

  const [expanded, setExpanded] = useState<string[] | null>(null);
  useEffect(() => {
    if (expanded !== null || !orgs.length) return;
    // Open the offices that hold other offices, and the way down to the chosen one.
    const officeParents = orgs.filter(
      (o) => o.kind === 'office' && orgs.some((c) => c.parentId === o.id && c.kind === 'office'),
    );
    setExpanded([...new Set([...officeParents.map((o) => o.id), ...ancestorIds(orgs, filters.parentId)])]);
  }, [orgs, expanded, filters.parentId]);

  const [treeHeight, setTreeHeight] = useState(() => Math.max(320, window.innerHeight - 250));
  useEffect(() => {
    const onResize = () => setTreeHeight(Math.max(320, window.innerHeight - 250));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const [form, setForm] = useState<{ open: boolean; org: Org | null }>({ open: false, org: null });
  const [moving, setMoving] = useState<Org | null>(null);
  const [deactivating, setDeactivating] = useState<Org | null>(null);
  const [importing, setImporting] = useState(false);

  const downloadTemplate = () =>
    download('/api/orgs/import-template.xlsx', '单位导入模板.xlsx').catch((e) =>
      message.error(errorMessage(e)),
    );
  const exportExcel = () =>
    download('/api/orgs/export.xlsx', '单位名录.xlsx').catch((e) => message.error(errorMessage(e)));

  const confirmReactivate = (org: Org) =>
    modal.confirm({
      title: `启用“${org.name}”？`,
      content: '启用后该单位恢复报送，失效日期将被清除。',
      okText: '启用',
      cancelText: '取消',
      onOk: async () => {
        try {
          await reactivate.mutateAsync({ id: org.id, version: org.version });
          message.success(`已启用“${org.name}”`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const rowActions = (org: Org, size: 'small' | 'middle' = 'small') => (
    <Space size={size === 'small' ? 0 : 'small'} wrap onClick={(e) => e.stopPropagation()}>
      {org.actions.includes('update') && (
        <Button type="link" size={size} onClick={() => setForm({ open: true, org })}>
          编辑
        </Button>
      )}
      {org.actions.includes('move') && (
        <Button type="link" size={size} onClick={() => setMoving(org)}>
          调整上级
        </Button>
      )}
      {org.actions.includes('deactivate') && (
        <Button type="link" size={size} danger onClick={() => setDeactivating(org)}>
          停用
        </Button>
      )}
      {org.actions.includes('reactivate') && (
        <Button type="link" size={size} onClick={() => confirmReactivate(org)}>
          启用
        </Button>
      )}
    </Space>
  );

  const columns: ColumnsType<Org> = [
    { title: '单位编码', dataIndex: 'code', width: 110, sorter: (a, b) => a.code.localeCompare(b.code) },
    {
      title: '单位全称',
      dataIndex: 'name',
      width: 220,
      render: (name: string, org) => (
        <Space size={4} wrap>
          <Typography.Text type={org.active ? undefined : 'secondary'}>{name}</Typography.Text>
          {org.kind === 'office' && <Tag color="blue">办公室</Tag>}
        </Space>
      ),
    },
    { title: '简称', dataIndex: 'shortName', width: 110 },
    { title: '类别', dataIndex: 'categoryLabel', width: 96, render: (v: string | null) => v ?? '—' },
    { title: '考核分组', dataIndex: 'groupLabel', width: 90, render: (v: string | null) => v ?? '—' },
    // Under a chosen office every row has the same parent; the column would only repeat it.
    ...(scope
      ? []
      : [
          {
            title: '上级单位',
            dataIndex: 'parentName',
            width: 170,
            ellipsis: true,
            render: (v: string | null) => v ?? '—',
          },
        ]),
    { title: '联系人', dataIndex: 'contactPerson', width: 80, render: (v: string | null) => v ?? '—' },
    { title: '联系电话', dataIndex: 'contactPhone', width: 124, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 130,
      fixed: 'right',
      render: (_: unknown, org) => <OrgStatusTag org={org} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_: unknown, org) => rowActions(org),
    },
  ];

  const filtered = !!(filters.q || filters.kind || filters.category || filters.group || filters.status);
  const clearFilters = () =>
    update({ q: null, kind: null, category: null, group: null, status: null, parent: null });

  const emptyText = orgsQuery.isLoading ? (
    ' '
  ) : !orgs.length ? (
    <Empty description="还没有单位。点击“新建单位”逐个添加，或用“导入”从 Excel 批量导入（可先下载模板）。" />
  ) : filtered || scope ? (
    <Empty
      description={
        scope && !filtered
          ? `“${scope.name}”下没有${filters.showInactive ? '' : '启用的'}下级单位。可点击“新建单位”在其下添加。`
          : '没有符合条件的单位。请调整或清除筛选条件。'
      }
    >
      <Button onClick={clearFilters}>查看全部单位</Button>
    </Empty>
  ) : (
    <Empty description="没有启用的单位。打开“显示已停用”查看已停用的单位。" />
  );

  return (
    <>
      <PageHeader
        title="单位管理"
        description="维护办公室与报送单位的组织机构：新建、编辑、调整上级、停用，以及 Excel 批量导入导出。单位不会被删除，停用后历史记录保留。"
      />
      <Row gutter={[16, 16]} wrap>
        <Col xs={24} lg={7} xl={5}>
          <Card
            size="small"
            title="组织机构"
            extra={
              <Space size={6}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  显示已停用
                </Typography.Text>
                <Switch
                  size="small"
                  checked={filters.showInactive}
                  onChange={(on) =>
                    update({ inactive: on ? '1' : null, status: on ? filters.status : null }, true)
                  }
                  aria-label="显示已停用"
                />
              </Space>
            }
            styles={{ body: { padding: 8 } }}
          >
            {orgsQuery.isError ? (
              <QueryError error={orgsQuery.error} onRetry={() => void orgsQuery.refetch()} />
            ) : (
              <OrgTree
                orgs={orgs}
                showInactive={filters.showInactive}
                selectedId={filters.parentId ?? detailId}
                expandedKeys={expanded ?? []}
                onExpand={setExpanded}
                height={treeHeight}
                onSelect={(org) => {
                  if (!org) update({ parent: null });
                  else if (org.kind === 'office') update({ parent: org.id });
                  else update({ org: org.id }, true);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17} xl={19}>
          <Card size="small">
            <Flex wrap gap={8} style={{ marginBottom: 12 }} role="search">
              <Input.Search
                allowClear
                aria-label="名称/编码"
                placeholder="搜索单位全称、简称或编码"
                value={filters.q}
                onSearch={(v) => update({ q: v || null })}
                onChange={(e) => update({ q: e.target.value || null })}
                style={{ width: 200 }}
              />
              <Select
                allowClear
                prefix="类型"
                placeholder="全部"
                style={{ width: 124 }}
                value={filters.kind ?? undefined}
                onChange={(v) => update({ kind: v ?? null })}
                options={(Object.keys(KIND_LABELS) as OrgKind[]).map((k) => ({
                  value: k,
                  label: KIND_LABELS[k],
                }))}
              />
              <Select
                allowClear
                prefix="单位类别"
                placeholder="全部"
                style={{ width: 160 }}
                popupMatchSelectWidth={false}
                value={filters.category ?? undefined}
                onChange={(v) => update({ category: v ?? null })}
                options={(categories.data ?? []).map((e) => ({ value: e.code, label: e.label }))}
              />
              <Select
                allowClear
                prefix="考核分组"
                placeholder="全部"
                style={{ width: 150 }}
                popupMatchSelectWidth={false}
                value={filters.group ?? undefined}
                onChange={(v) => update({ group: v ?? null })}
                options={(groups.data ?? []).map((e) => ({ value: e.code, label: e.label }))}
              />
              <Select
                allowClear
                prefix="状态"
                placeholder="全部"
                style={{ width: 116 }}
                value={filters.status ?? undefined}
                onChange={(v) => update({ status: v ?? null })}
                options={[
                  { value: 'active', label: '启用' },
                  { value: 'inactive', label: '已停用' },
                ]}
              />
              <Button onClick={clearFilters} disabled={!filtered && !scope}>
                重置
              </Button>
            </Flex>
            <Row justify="space-between" align="middle" gutter={[8, 8]} style={{ marginBottom: 12 }}>
              <Col>
                <Space wrap>
                  <Typography.Text strong>{scope ? `${scope.name} 的下级单位` : '全部单位'}</Typography.Text>
                  <Typography.Text type="secondary">共 {rows.length} 个</Typography.Text>
                  {scope && (
                    <Button type="link" size="small" onClick={() => update({ parent: null })}>
                      查看全部
                    </Button>
                  )}
                </Space>
              </Col>
              <Col>
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setForm({ open: true, org: null })}
                  >
                    新建单位
                  </Button>
                  <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                    导入
                  </Button>
                  <Button icon={<DownloadOutlined />} onClick={exportExcel}>
                    导出Excel
                  </Button>
                  <Button onClick={downloadTemplate}>下载模板</Button>
                  <Button
                    icon={<ReloadOutlined />}
                    aria-label="刷新"
                    title="刷新"
                    onClick={() => orgsQuery.refetch()}
                    loading={orgsQuery.isFetching && !orgsQuery.isLoading}
                  />
                </Space>
              </Col>
            </Row>
            <Table<Org>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={orgsQuery.isLoading}
              scroll={{ x: scope ? 1150 : 1320 }}
              locale={{ emptyText }}
              onRow={(org) => ({
                onClick: () => update({ org: org.id }, true),
                style: { cursor: 'pointer' },
              })}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                showSizeChanger: false,
                showTotal: (total) => `共 ${total} 个`,
                onChange: (p) => update({ page: p > 1 ? String(p) : null }, true),
                hideOnSinglePage: false,
              }}
            />
          </Card>
        </Col>
        <OrgFormModal
          open={form.open}
          org={form.org}
          defaultParentId={scope?.kind === 'office' ? scope.id : null}
          onClose={() => setForm({ open: false, org: form.org })}
          onSaved={() => setForm({ open: false, org: form.org })}
        />
        <MoveOrgModal org={moving} onClose={() => setMoving(null)} />
        <DeactivateOrgModal org={deactivating} onClose={() => setDeactivating(null)} />
        <ImportOrgsModal
          open={importing}
          onClose={() => setImporting(false)}
          onDownloadTemplate={downloadTemplate}
        />
        <OrgDetailDrawer
          org={detail}
          onClose={() => update({ org: null }, true)}
          actions={detail && rowActions(detail, 'middle')}
        />
      </Row>
    </>
  );
}
