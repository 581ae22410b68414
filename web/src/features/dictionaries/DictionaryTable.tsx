import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { errorMessage, isStaleVersion } from '../orgs/formErrors.ts';
import { useDictionary, useSaveDictionaryEntry } from './api.ts';
import { DictionaryEntryModal } from './DictionaryEntryModal.tsx';
import { DICTIONARY_LABELS, type DictionaryEntry, type DictionaryName } from './types.ts';

/** The server lists what the caller may do with each entry; only those buttons are drawn. */
function can(entry: DictionaryEntry, action: 'update' | 'deactivate' | 'activate'): boolean {
  return !!entry.actions?.includes(action);
}

/** One dictionary's entries with 新增, 编辑, 停用 and 启用. */
export function DictionaryTable({ dictionary }: { dictionary: DictionaryName }) {
  const { message, modal } = App.useApp();
  const query = useDictionary(dictionary);
  const save = useSaveDictionaryEntry();
  const [editing, setEditing] = useState<{ open: boolean; entry: DictionaryEntry | null }>({
    open: false,
    entry: null,
  });
  const name = DICTIONARY_LABELS[dictionary];
  const entries = query.data ?? [];
  const nextSortOrder = entries.length ? Math.max(...entries.map((e) => e.sortOrder)) + 10 : 10;

  const setActive = (entry: DictionaryEntry, active: boolean) =>
    modal.confirm({
      title: `${active ? '启用' : '停用'}${name}“${entry.label}”？`,
      content: active
        ? '启用后可在单位信息中选用。'
        : '停用后新建或编辑单位时不能再选用；已使用它的单位保持不变。',
      okText: active ? '启用' : '停用',
      okButtonProps: { danger: !active },
      cancelText: '取消',
      onOk: async () => {
        try {
          await save.mutateAsync({
            id: entry.id,
            active,
          });
          message.success(`已${active ? '启用' : '停用'}“${entry.label}”`);
        } catch (e) {
          if (isStaleVersion(e)) message.warning(errorMessage(e));
          else message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={8} wrap>
        <Typography.Text type="secondary">共 {entries.length} 项，按排序号从小到大显示</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ open: true, entry: null })}
        >
          新增
        </Button>
      </Flex>
      {query.isError && (
        <div style={{ marginBottom: 12 }}>
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </div>
      )}
      <Table<DictionaryEntry>
        rowKey="id"
        size="middle"
        loading={query.isLoading}
        dataSource={entries}
        pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{
          emptyText: query.isLoading ? ' ' : <Empty description={`还没有${name}。点击“新增”添加第一项。`} />,
        }}
        columns={[
          { title: '编码', dataIndex: 'code', width: 180 },
          {
            title: '名称',
            dataIndex: 'label',
            render: (v: string, e) => (
              <Typography.Text type={e.active ? undefined : 'secondary'}>{v}</Typography.Text>
            ),
          },
          { title: '排序', dataIndex: 'sortOrder', width: 100 },
          {
            title: '状态',
            dataIndex: 'active',
            width: 100,
            render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            width: 160,
            render: (_: unknown, e) => (
              <Space size={0}>
                {can(e, 'update') && (
                  <Button type="link" size="small" onClick={() => setEditing({ open: true, entry: e })}>
                    编辑
                  </Button>
                )}
                {can(e, 'deactivate') && (
                  <Button type="link" size="small" danger onClick={() => setActive(e, false)}>
                    停用
                  </Button>
                )}
                {can(e, 'activate') && (
                  <Button type="link" size="small" onClick={() => setActive(e, true)}>
                    启用
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <DictionaryEntryModal
        open={editing.open}
        dictionary={dictionary}
        entry={editing.entry}
        nextSortOrder={nextSortOrder}
        onClose={() => setEditing({ open: false, entry: editing.entry })}
      />
    </>
  );
}
