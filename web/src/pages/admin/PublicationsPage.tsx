import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorMessage, isStaleVersion } from '../../features/orgs/formErrors.ts';
import {
  useOwnPublications,
  usePublicationDetails,
  useSetPublicationActive,
} from '../../features/publications/api.ts';
import { PublicationFormModal } from '../../features/publications/PublicationFormModal.tsx';
import { NUMBERING_SHORT, type Publication } from '../../features/publications/types.ts';

type Editing = { open: boolean; publication: Publication | null };

/**
 * 刊物设置 (/admin/publications): the caller's office's publications. Editors may look; what
 * anyone may change is decided by the server and drawn from each record's `actions`.
 */
export function PublicationsPage() {
  const me = useMe();
  const { message, modal } = App.useApp();
  const list = useOwnPublications();
  const ids = useMemo(() => (list.data ?? []).map((p) => p.id), [list.data]);
  const details = usePublicationDetails(ids);
  const rows = details.flatMap((d) => (d.data ? [d.data] : []));
  const detailError = details.find((d) => d.isError)?.error ?? null;
  const [editing, setEditing] = useState<Editing>({ open: false, publication: null });
  const setActive = useSetPublicationActive();

  const office =
    me.user.primaryUnit?.kind === 'office'
      ? me.user.primaryUnit
      : me.user.units.find((u) => u.kind === 'office');
  const mayCreate =
    !!office && (me.user.roles.includes('chief_editor') || me.user.roles.includes('sysadmin'));

  const toggle = (pub: Publication, active: boolean) =>
    modal.confirm({
      title: `${active ? '启用' : '停用'}刊物“${pub.name}”？`,
      content: active
        ? '启用后可再作为拟采用、上级采用的刊物选用。'
        : '停用后不再出现在拟采用、上级采用的刊物列表中；已编排的期次和采用记录不受影响。',
      okText: active ? '启用' : '停用',
      okButtonProps: { danger: !active },
      cancelText: '取消',
      onOk: async () => {
        try {
          await setActive.mutateAsync({ pub, active });
          message.success(`已${active ? '启用' : '停用'}“${pub.name}”`);
        } catch (e) {
          if (isStaleVersion(e)) message.warning(errorMessage(e));
          else message.error(errorMessage(e));
        }
      },
    });

  const forbiddenMessage =
    list.error instanceof ApiError && list.error.status === 403 ? list.error.message : null;
  const loading = list.isLoading || details.some((d) => d.isLoading);

  return (
    <>
      <PageHeader
        title="刊物设置"
        description={`${office?.name ?? '本办公室'}编印的信息刊物：期号编排、报送范围、印数、默认责任编辑与签发人。`}
        extra={
          mayCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ open: true, publication: null })}
            >
              新建刊物
            </Button>
          )
        }
      />
      <Card size="small">
        {!office && (
          <Alert
            type="info"
            showIcon
            title="您的账号不属于任何办公室，没有本级刊物可以查看。"
            style={{ marginBottom: 12 }}
          />
        )}
        {list.isError && !forbiddenMessage && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        {forbiddenMessage && office && (
          <Alert type="warning" showIcon title={forbiddenMessage} style={{ marginBottom: 12 }} />
        )}
        {detailError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError error={detailError} onRetry={() => details.forEach((d) => void d.refetch())} />
          </div>
        )}
        <Table<Publication>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: loading ? (
              ' '
            ) : (
              <Empty description={mayCreate ? '还没有刊物。点击“新建刊物”添加。' : '本办公室还没有刊物。'} />
            ),
          }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '种类', dataIndex: 'kind', width: 90 },
            { title: '期号示例', dataIndex: 'sampleLabel', width: 200 },
            {
              title: '编排',
              dataIndex: 'numbering',
              width: 80,
              render: (n: Publication['numbering']) => NUMBERING_SHORT[n],
            },
            {
              title: '印数',
              dataIndex: 'printCount',
              width: 80,
              align: 'right',
              render: (v: number) => `${v} 份`,
            },
            {
              title: '状态',
              dataIndex: 'active',
              width: 90,
              render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
            },
            {
              title: '操作',
              key: 'actions',
              width: 130,
              fixed: 'right',
              render: (_: unknown, p) => (
                <Space size={0}>
                  {p.actions.includes('edit') && (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing({ open: true, publication: p })}
                    >
                      编辑
                    </Button>
                  )}
                  {p.actions.includes('deactivate') && (
                    <Button type="link" size="small" danger onClick={() => toggle(p, false)}>
                      停用
                    </Button>
                  )}
                  {p.actions.includes('activate') && (
                    <Button type="link" size="small" onClick={() => toggle(p, true)}>
                      启用
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <PublicationFormModal
        open={editing.open}
        publication={editing.publication}
        officeId={office?.id ?? null}
        onClose={() => setEditing({ open: false, publication: editing.publication })}
      />
    </>
  );
}
