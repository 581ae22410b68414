import { Alert, Button, Drawer, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../format.ts';
import { PriorityTag, SecrecyTag } from '../items/ItemTags.tsx';
import type { ItemPriority } from '../items/types.ts';
import { useIssueCandidates } from './api.ts';
import type { Candidate, IssueDetail } from './types.ts';

type Props = {
  issue: IssueDetail;
  open: boolean;
  onClose: () => void;
  /** Adds the chosen items at the end of the issue; a thrown error keeps the drawer open. */
  onAdd: (chosen: Candidate[]) => Promise<void>;
};

/**
 * 添加信息: the office's adoption queue (拟采用 items in no issue), those aimed at this
 * publication first; tick and add them at the end of the issue.
 */
export function CandidatesDrawer({ issue, open, onClose, onAdd }: Props) {
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = useIssueCandidates(issue.id, q, open);

  useEffect(() => {
    if (open) {
      setChosen([]);
      setError(null);
    }
  }, [open]);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await onAdd(chosen);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : '添加失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`添加信息到${issue.label}`}
      size={720}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">已选 {chosen.length} 条，将排在本期末尾</Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" disabled={chosen.length === 0} loading={busy} onClick={() => void add()}>
              添加所选（{chosen.length}）
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Input.Search
        allowClear
        placeholder="按标题查找"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          if (!e.target.value) setQ('');
        }}
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 12 }}
        maxLength={50}
      />
      {query.isError && (
        <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 12 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Candidate>
        rowKey="itemId"
        size="small"
        loading={query.isFetching}
        dataSource={query.data ?? []}
        pagination={false}
        scroll={{ y: 'calc(100vh - 260px)' }}
        rowSelection={{
          selectedRowKeys: chosen.map((c) => c.itemId),
          onChange: (_keys, rows) => setChosen(rows),
          columnWidth: 36,
        }}
        onRow={(r) => ({
          onClick: () =>
            setChosen((cur) =>
              cur.some((c) => c.itemId === r.itemId) ? cur.filter((c) => c.itemId !== r.itemId) : [...cur, r],
            ),
          style: { cursor: 'pointer' },
        })}
        locale={{
          emptyText: query.isPending ? (
            ' '
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                q
                  ? '没有标题含此关键字的拟采用信息'
                  : '没有可编入的信息。请先在收稿箱中将信息“拟采用”，它们会出现在这里。'
              }
            />
          ),
        }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r) => (
              <div>
                <div>{t}</div>
                <Flex gap={4} wrap align="center">
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.unitName} · {r.categoryLabel} · 编号 {r.serial}
                  </Typography.Text>
                  <PriorityTag priority={r.priority as ItemPriority} />
                  <SecrecyTag secrecy={r.secrecy} />
                </Flex>
              </div>
            ),
          },
          {
            title: '拟采用刊物',
            dataIndex: 'targetPublicationName',
            width: 150,
            render: (v: string | null, r) =>
              v ? (
                <Tag color={r.targetPublicationId === issue.publicationId ? 'cyan' : 'default'}>{v}</Tag>
              ) : (
                <Typography.Text type="secondary">未指定</Typography.Text>
              ),
          },
          {
            title: '拟采用时间',
            dataIndex: 'acceptedAt',
            width: 140,
            render: (v: string | null) => formatDateTime(v),
          },
        ]}
      />
    </Drawer>
  );
}
