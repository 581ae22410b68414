import { Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PRIORITY_LABELS, SECRECY_LABELS } from '../../../../server/modules/items/workflow.ts';
import { useMe } from '../../auth/context.ts';
import { formatDateTime } from '../../format.ts';
import { ItemStatusTag } from './ItemTags.tsx';
import type { ItemDetail } from './types.ts';

const none = <Typography.Text type="secondary">—</Typography.Text>;

/** 摘要: who reported the item, who signed it, where it went and what became of it. */
export function ItemSummaryCard({ item }: { item: ItemDetail }) {
  const me = useMe();
  // Only the office's editors, who forwarded the item, can open the upper office's copy (a leader
  // of the office reading a circulated item cannot).
  const canOpenForward =
    me.user.units.some((u) => u.id === item.office.id) &&
    me.user.roles.some((r) => r === 'editor' || r === 'chief_editor');
  const rows: { label: string; value: ReactNode; span?: number }[] = [
    {
      label: '报送单位',
      value: (
        <span>
          {item.submittingUnit.name}
          <Typography.Text type="secondary"> → {item.office.name}</Typography.Text>
        </span>
      ),
    },
    { label: '原报单位', value: item.originUnit.name },
    {
      label: '作者',
      value: (
        <span>
          {item.author.name}
          {item.author.phone && <Typography.Text type="secondary">（{item.author.phone}）</Typography.Text>}
        </span>
      ),
    },
    {
      label: '签发人',
      value: item.signer ? (
        <span>
          {item.signer.name}
          {item.signer.signedAt && (
            <Typography.Text type="secondary">（{formatDateTime(item.signer.signedAt)}）</Typography.Text>
          )}
        </span>
      ) : (
        <Typography.Text type="secondary">
          {item.status === 'pending_signoff' ? '待本单位签发' : '未签发'}
        </Typography.Text>
      ),
    },
    { label: '信息类别', value: item.categoryLabel },
    {
      label: '紧急程度',
      value:
        item.priority === 'normal' ? (
          PRIORITY_LABELS.normal
        ) : (
          <Tag color="red">{PRIORITY_LABELS[item.priority]}</Tag>
        ),
    },
    { label: '密级', value: SECRECY_LABELS[item.secrecy] },
    {
      label: '关键词',
      value: item.keywords.length ? (
        <Space size={[4, 4]} wrap>
          {item.keywords.map((k) => (
            <Tag key={k} style={{ marginInlineEnd: 0 }}>
              {k}
            </Tag>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    { label: '报送时间', value: item.submittedAt ? formatDateTime(item.submittedAt) : none },
  ];
  if (item.eventAt) rows.push({ label: '事件发生时间', value: formatDateTime(item.eventAt) });
  if (item.deadlineAt) rows.push({ label: '办理时限', value: formatDateTime(item.deadlineAt) });
  rows.push({ label: '拟采用刊物', value: item.targetPublication?.name ?? none });
  if (item.forwardedFrom)
    rows.push({
      label: '转报来源',
      value: <span>由{item.forwardedFrom.officeName}转报</span>,
    });
  if (item.forwardedBy)
    rows.push({
      label: '转报人',
      value: (
        <span>
          {item.forwardedBy.name}
          <Typography.Text type="secondary">（{formatDateTime(item.forwardedBy.at)}）</Typography.Text>
        </span>
      ),
    });
  rows.push({
    label: '转报去向',
    value: item.forwardedTo ? (
      <Space size={6} wrap>
        {canOpenForward ? (
          <Link to={`/items/${item.forwardedTo.id}`}>{item.forwardedTo.officeName}</Link>
        ) : (
          item.forwardedTo.officeName
        )}
        <ItemStatusTag status={item.forwardedTo.status} />
      </Space>
    ) : (
      <Typography.Text type="secondary">未转报</Typography.Text>
    ),
  });
  if (item.commission)
    rows.push({
      label: '关联约稿',
      value: (
        <Link to={`/commissions/${item.commission.id}`}>
          {item.commission.numberLabel ? `${item.commission.numberLabel} ` : ''}
          {item.commission.topic}
        </Link>
      ),
    });
  if (item.topic)
    rows.push({
      label: '报送要点',
      value: (
        <Link to={`/topics/${item.topic.id}`}>
          {item.topic.title}（{item.topic.periodLabel}）
        </Link>
      ),
    });
  if (item.followUpOf)
    rows.push({
      label: '续报',
      value: (
        <span>
          本信息续报：<Link to={`/items/${item.followUpOf.id}`}>{item.followUpOf.title}</Link>
        </span>
      ),
    });
  if (item.followUps.length)
    rows.push({
      label: '后续续报',
      span: 2,
      value: (
        <Space orientation="vertical" size={2}>
          {item.followUps.map((f) => (
            <Space key={f.id} size={6}>
              <Link to={`/items/${f.id}`}>{f.title}</Link>
              <ItemStatusTag status={f.status} />
            </Space>
          ))}
        </Space>
      ),
    });
  if (item.mergedInto)
    rows.push({
      label: '已合报为',
      value: <Link to={`/items/${item.mergedInto.id}`}>{item.mergedInto.title}</Link>,
    });
  if (item.credits.length > 1)
    rows.push({
      label: '合报单位',
      span: 2,
      value: item.credits.map((c) => `${c.unitName}（${formatShare(c.share)}）`).join('、'),
    });

  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
      items={rows.map((r) => ({ key: r.label, label: r.label, children: r.value, span: r.span }))}
      styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}
    />
  );
}

/** Credit shares arrive in thousandths (1000 = all); shown as a percentage. */
function formatShare(share: number): string {
  return `${Number((share / 10).toFixed(1))}%`;
}
