import { useQuery } from '@tanstack/react-query';
import { Alert, Button, ConfigProvider, Empty, Modal, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { useIsMobile } from '../../layout/useIsMobile.ts';
import { ITEMS_KEY } from './api.ts';
import { ItemBody } from './ItemBody.tsx';
import type { ItemDetail, ItemVersionInfo } from './types.ts';
import { VersionDiff } from './VersionDiff.tsx';

/** Ticked versions in a light tint: the rows stay readable. */
const SELECTION_THEME = {
  components: { Table: { rowSelectedBg: '#eef3fb', rowSelectedHoverBg: '#e3ebf7' } },
};

type VersionText = {
  versionNo: number;
  title: string;
  body: string;
  editorName: string;
  reason: string;
  createdAt: string;
};

function VersionModal({
  itemId,
  versionNo,
  onClose,
}: {
  itemId: string;
  versionNo: number | null;
  onClose: () => void;
}) {
  const query = useQuery({
    queryKey: [...ITEMS_KEY, 'version', itemId, versionNo],
    queryFn: () => api<VersionText>('GET', `/api/items/${itemId}/versions/${versionNo}`),
    enabled: versionNo !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Modal
      open={versionNo !== null}
      title={`第 ${versionNo} 版`}
      footer={null}
      onCancel={onClose}
      width={820}
    >
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={query.error.message} />}
      {query.data && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {query.data.editorName}　{formatDateTime(query.data.createdAt)}　{query.data.reason}
          </Typography.Paragraph>
          <ItemBody title={query.data.title} body={query.data.body} />
        </>
      )}
    </Modal>
  );
}

/**
 * 版本: every saved text with who, when and why. Tick any two to compare them side by side;
 * by default what the unit sent in its latest submission (单位报送稿, the version its signer
 * signed off) against the latest, so the office's changes show — not the reporter's first draft.
 */
export function VersionsTab({ item }: { item: ItemDetail }) {
  const isMobile = useIsMobile();
  const versions = [...item.versions].sort((a, b) => b.versionNo - a.versionNo);
  const latest = versions[0]?.versionNo;
  const sent = item.submittedVersion;
  // Until the office edits (the unit's text is the latest), the unit's own revisions from the first draft.
  const base = sent !== null && sent !== latest ? sent : versions.at(-1)?.versionNo;
  const against = (n: number | null | undefined) =>
    n !== null && n !== undefined && latest !== undefined && n !== latest ? [n, latest] : [];
  const [selected, setSelected] = useState<number[]>(against(base));
  const [viewing, setViewing] = useState<number | null>(null);
  if (versions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有版本记录" />;
  const [from, to] = [...selected].sort((a, b) => a - b);

  const mark = (n: number) =>
    [n === item.currentVersion ? '当前' : null, n === sent ? '单位报送稿' : null].filter(Boolean).join('，');
  const label = (n: number) => {
    const text = mark(n) ? `第${n}版（${mark(n)}）` : `第${n}版`;
    return n === item.currentVersion ? <strong>{text}</strong> : text;
  };
  const comparingSent = sent !== null && from === sent && to === latest;
  const view = (v: ItemVersionInfo) => (
    <Button type="link" size="small" onClick={() => setViewing(v.versionNo)}>
      查看
    </Button>
  );
  const columns: ColumnsType<ItemVersionInfo> = isMobile
    ? [
        // A phone has no room for four columns: who, when and why go under the version number.
        {
          title: '版本',
          key: 'version',
          render: (_: unknown, v) => (
            <div>
              {label(v.versionNo)}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {v.editorName}　{formatDateTime(v.createdAt)}
              </Typography.Text>
              <div style={{ fontSize: 13 }}>{v.reason}</div>
            </div>
          ),
        },
        { title: '', key: 'view', width: 60, render: (_: unknown, v) => view(v) },
      ]
    : [
        { title: '版本', dataIndex: 'versionNo', width: 120, render: label },
        { title: '修改人', dataIndex: 'editorName', width: 100 },
        { title: '时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
        { title: '说明', dataIndex: 'reason' },
        { title: '', key: 'view', width: 70, render: (_: unknown, v) => view(v) },
      ];

  return (
    <div>
      <ConfigProvider theme={SELECTION_THEME}>
        <Table<ItemVersionInfo>
          rowKey="versionNo"
          size="small"
          pagination={false}
          dataSource={versions}
          scroll={isMobile ? undefined : { x: 560 }}
          rowSelection={{
            selectedRowKeys: selected,
            hideSelectAll: true,
            columnTitle: '对比',
            columnWidth: 56,
            onChange: (keys) => setSelected((keys as number[]).slice(-2)),
          }}
          columns={columns}
        />
      </ConfigProvider>
      <div style={{ marginTop: 16 }}>
        {versions.length < 2 ? (
          <Typography.Text type="secondary">只有一个版本，修改保存后可在这里对比。</Typography.Text>
        ) : selected.length < 2 ? (
          <Typography.Text type="secondary">勾选两个版本进行对比。</Typography.Text>
        ) : (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {comparingSent ? `与单位报送稿对比（第${from}版 → 第${to}版）` : `第${from}版 → 第${to}版`}
              {!comparingSent && sent !== null && sent !== latest && (
                <Button type="link" size="small" onClick={() => setSelected(against(sent))}>
                  与单位报送稿对比
                </Button>
              )}
            </Typography.Title>
            <VersionDiff itemId={item.id} from={from} to={to} />
          </>
        )}
      </div>
      <VersionModal itemId={item.id} versionNo={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
