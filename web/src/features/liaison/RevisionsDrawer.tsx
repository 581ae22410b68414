import { Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../format.ts';
import { useRevisions } from './api.ts';

/** 变更记录: every version of a unit's filing, with what changed field by field. */
export function RevisionsDrawer({
  unit,
  year,
  onClose,
}: {
  unit: { id: string; name: string } | null;
  year: number;
  onClose: () => void;
}) {
  const query = useRevisions(unit?.id, year);
  const revisions = [...(query.data?.revisions ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Drawer
      open={!!unit}
      onClose={onClose}
      title={unit ? `${unit.name} ${year}年度备案变更记录` : ''}
      size={520}
      destroyOnHidden
    >
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : revisions.length === 0 ? (
        <Empty description="还没有备案" />
      ) : (
        <Timeline
          items={revisions.map((r) => ({
            key: r.version,
            color: r.version === 1 ? 'green' : 'blue',
            children: (
              <div>
                <Typography.Text strong>
                  {r.version === 1 ? '首次备案' : `第 ${r.version - 1} 次变更`}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {r.changedByName} {formatDateTime(r.changedAt)}
                </Typography.Text>
                {r.version > 1 && (
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                    {r.changes.map((c) => (
                      <li key={c.field}>
                        {c.label}：
                        <Typography.Text delete type="secondary">
                          {c.before ?? '（空）'}
                        </Typography.Text>{' '}
                        → <Typography.Text>{c.after ?? '（空）'}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
