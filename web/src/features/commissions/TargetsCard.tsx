import { Card, Empty, Flex, Grid, Progress, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format.ts';
import type { Commission, CommissionTarget, LinkedItem } from './api.ts';
import { AnswerTag, LateTag, OverdueTag } from './labels.tsx';

/** The items a unit linked to the commission, each a link to the item. */
export function LinkedItems({ items }: { items: LinkedItem[] }) {
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 4 }}>
      {items.map((i) => (
        <span key={i.id} style={{ overflowWrap: 'anywhere' }}>
          <Link to={`/items/${i.id}`}>{i.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {i.statusLabel}
            {i.submittedAt ? ` · ${formatDateTime(i.submittedAt)}` : ''}
          </Typography.Text>
        </span>
      ))}
    </Flex>
  );
}

/** 报送 / 婉拒 / 待报送 with its time and marks: 逾期 (still open past the deadline), 迟报, 未报. */
export function AnswerCell({ t }: { t: CommissionTarget }) {
  return (
    <div style={{ lineHeight: '22px' }}>
      <Flex gap={4} wrap align="center">
        <AnswerTag answer={t.answer} label={t.answerLabel} />
        {t.overdue && <OverdueTag />}
        {t.missed && !t.overdue && <OverdueTag text="未报送" />}
        {t.late && <LateTag />}
        {t.answeredAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(t.answeredAt)}
          </Typography.Text>
        )}
      </Flex>
      {t.declineReason && (
        <Typography.Paragraph
          type="secondary"
          style={{ margin: '2px 0 0', fontSize: 13, whiteSpace: 'pre-wrap' }}
          data-testid="decline-reason"
        >
          婉拒原因：{t.declineReason}
        </Typography.Paragraph>
      )}
      <LinkedItems items={t.items} />
    </div>
  );
}

function ReadCell({ t }: { t: CommissionTarget }) {
  if (!t.readAt) return <Typography.Text type="secondary">未读</Typography.Text>;
  return (
    <div style={{ lineHeight: '20px' }}>
      <Typography.Text>{formatDateTime(t.readAt)}</Typography.Text>
      {t.readByName && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t.readByName}
        </Typography.Text>
      )}
    </div>
  );
}

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Tag
      bordered={false}
      color={value > 0 ? color : undefined}
      style={{ marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' }}
    >
      {label} {value}
    </Tag>
  );
}

/**
 * 回执与答复 (the office's view): how many target units have opened the notice, each unit's read
 * receipt (when, by whom), its answer with the items it linked or its reason for declining, and
 * the totals.
 */
export function TargetsCard({ commission: c }: { commission: Commission }) {
  const { counts } = c;
  // A phone gets one block per unit rather than a table to scroll sideways.
  const narrow = !Grid.useBreakpoint().md;
  const issued = c.status !== 'draft';
  const columns: ColumnsType<CommissionTarget> = [
    {
      title: '单位',
      key: 'unit',
      width: 170,
      render: (_: unknown, t) => (
        <Typography.Text strong={!t.readAt && issued}>{t.unit.name}</Typography.Text>
      ),
    },
    {
      title: '已读',
      key: 'read',
      width: 150,
      render: (_: unknown, t) =>
        issued ? <ReadCell t={t} /> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '答复',
      key: 'answer',
      render: (_: unknown, t) =>
        issued ? <AnswerCell t={t} /> : <Typography.Text type="secondary">下发后答复</Typography.Text>,
    },
  ];
  return (
    <Card size="small" title="回执与答复" data-testid="commission-targets">
      {c.targets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未选择约稿单位。点“编辑”选择约稿单位。" />
      ) : (
        <>
          {issued ? (
            <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
              <div style={{ minWidth: 200, flex: '0 1 280px' }}>
                <Typography.Text strong data-testid="read-count">
                  已读 {counts.read} / {counts.total}
                </Typography.Text>
                <Progress
                  percent={counts.total ? Math.round((counts.read / counts.total) * 100) : 0}
                  size="small"
                  style={{ margin: 0 }}
                />
              </div>
              <Flex gap={6} wrap data-testid="answer-counts">
                <Figure label="已报送" value={counts.answered} color="green" />
                <Figure label="已婉拒" value={counts.declined} color="purple" />
                <Figure label="未答复" value={counts.open} color="gold" />
                <Figure label="迟报" value={counts.late} color="orange" />
                <Figure label="逾期未报" value={counts.missed} color="red" />
              </Flex>
            </Flex>
          ) : (
            <Typography.Paragraph type="secondary">
              共 {counts.total} 个约稿单位；签发下发后各单位收到通知，打开即记已读。
            </Typography.Paragraph>
          )}
          {narrow ? (
            <Flex vertical>
              {c.targets.map((t) => (
                <div
                  key={t.unit.id}
                  data-testid={`target-${t.unit.name}`}
                  style={{ borderTop: '1px solid #f0f0f0', padding: '10px 0' }}
                >
                  <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 4 }}>
                    <Typography.Text strong>{t.unit.name}</Typography.Text>
                    {issued &&
                      (t.readAt ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t.readByName ?? ''} {formatDateTime(t.readAt)} 已读
                        </Typography.Text>
                      ) : (
                        <Typography.Text type="secondary">未读</Typography.Text>
                      ))}
                  </Flex>
                  {issued ? (
                    <AnswerCell t={t} />
                  ) : (
                    <Typography.Text type="secondary">下发后答复</Typography.Text>
                  )}
                </div>
              ))}
            </Flex>
          ) : (
            <Table<CommissionTarget>
              rowKey={(t) => t.unit.id}
              size="small"
              dataSource={c.targets}
              columns={columns}
              pagination={c.targets.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 560 }}
            />
          )}
        </>
      )}
    </Card>
  );
}
