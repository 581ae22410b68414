import { ArrowLeftOutlined, HighlightOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Collapse,
  Empty,
  Flex,
  Result,
  Skeleton,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { InstructionMarkers } from '../../features/instructions/InstructionMarkers.tsx';
import { RecordInstructionModal } from '../../features/instructions/RecordInstructionModal.tsx';
import { WriteInstructionModal } from '../../features/instructions/WriteInstructionModal.tsx';
import { AttachmentList } from '../../features/items/Attachments.tsx';
import { useItem } from '../../features/items/api.ts';
import { Countdown } from '../../features/items/Countdown.tsx';
import { ItemActionBar } from '../../features/items/ItemActionBar.tsx';
import { ItemBody } from '../../features/items/ItemBody.tsx';
import { ItemIssueLine, ItemPublishingButtons } from '../../features/items/ItemPublishing.tsx';
import { ItemSummaryCard } from '../../features/items/ItemSummaryCard.tsx';
import { ItemStatusTag, PriorityTag, SecrecyTag } from '../../features/items/ItemTags.tsx';
import { ReturnNotice } from '../../features/items/ReturnNotice.tsx';
import { TimelineTab } from '../../features/items/TimelineTab.tsx';
import type { Adoption, ItemDetail, ItemStatus } from '../../features/items/types.ts';
import { VersionsTab } from '../../features/items/VersionsTab.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useIsMobile } from '../../layout/useIsMobile.ts';

/** The deadline is the office's: it counts down only while the item waits for its decision. */
const COUNTING: ItemStatus[] = ['submitted'];

function AdoptionsTable({ adoptions }: { adoptions: Adoption[] }) {
  if (adoptions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有上级采用记录" />;
  return (
    <Table<Adoption>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={adoptions}
      scroll={{ x: 700 }}
      columns={[
        { title: '刊物', dataIndex: 'publicationName' },
        { title: '采用方式', dataIndex: 'adoptionKind', width: 100 },
        { title: '采用日期', dataIndex: 'adoptedOn', width: 110, render: (v: string) => formatDate(v) },
        { title: '期号', dataIndex: 'issueLabel', width: 120, render: (v: string | null) => v ?? '—' },
        {
          title: '登记',
          key: 'recorded',
          width: 200,
          render: (_: unknown, a) => (
            <span>
              {a.recordedByName}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                {formatDateTime(a.recordedAt)}
              </Typography.Text>
            </span>
          ),
        },
      ]}
    />
  );
}

function tabLabel(label: string, n?: number) {
  return (
    <Space size={4}>
      {label}
      {!!n && <Badge count={n} color="#d9d9d9" style={{ color: '#595959' }} />}
    </Space>
  );
}

/**
 * 写批示 for a leader the item was circulated to (the server checks the circulation), 登记批示
 * for the office's editors: a paper or upper instruction about this item.
 */
function InstructionButton({ item }: { item: ItemDetail }) {
  const roles = useMe().user.roles;
  const [open, setOpen] = useState(false);
  const leader = roles.includes('leader');
  const staff = roles.includes('editor') || roles.includes('chief_editor');
  if (!leader && !staff) return null;
  return (
    <>
      <Button icon={<HighlightOutlined />} onClick={() => setOpen(true)} danger={leader}>
        {leader ? '写批示' : '登记批示'}
      </Button>
      {leader ? (
        <WriteInstructionModal
          open={open}
          subject={{ itemId: item.id, title: item.title }}
          onClose={() => setOpen(false)}
        />
      ) : (
        <RecordInstructionModal open={open} itemId={item.id} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function ItemView({ item, onReload }: { item: ItemDetail; onReload: () => void }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'body';
  const showCountdown = item.deadlineAt && COUNTING.includes(item.status);
  const isMobile = useIsMobile();
  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={6} wrap align="center" style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary">编号 {item.serial}</Typography.Text>
          <ItemStatusTag status={item.status} label={item.statusLabel} />
          <PriorityTag priority={item.priority} />
          <SecrecyTag secrecy={item.secrecy} />
          {showCountdown && item.deadlineAt && <Countdown deadlineAt={item.deadlineAt} />}
        </Flex>
        <Typography.Title level={4} style={{ margin: '0 0 12px', lineHeight: 1.5 }}>
          {item.title}
        </Typography.Title>
        {isMobile && (
          <Typography.Paragraph type="secondary" style={{ margin: '-4px 0 12px' }}>
            {item.submittingUnit.name}
            {item.submittedAt && ` · 报送于 ${formatDateTime(item.submittedAt)}`}
          </Typography.Paragraph>
        )}
        {item.issue && (
          <div style={{ marginBottom: 12 }}>
            <ItemIssueLine item={item} />
          </div>
        )}
        <Flex gap={8} wrap>
          <ItemActionBar item={item} onReload={onReload} />
          <ItemPublishingButtons item={item} />
          <InstructionButton item={item} />
        </Flex>
      </div>
      <ReturnNotice item={item} />
      <InstructionMarkers markers={item.instructions} />
      {isMobile ? (
        // A phone reads the text first: the metadata folds into one line above it.
        <Collapse
          size="small"
          style={{ background: '#fff' }}
          items={[{ key: 'meta', label: '详细信息', children: <ItemSummaryCard item={item} /> }]}
        />
      ) : (
        <Card size="small">
          <ItemSummaryCard item={item} />
        </Card>
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'body') next.delete('tab');
            else next.set('tab', k);
            setParams(next, { replace: true });
          }}
          items={[
            { key: 'body', label: '正文', children: <ItemBody title={item.title} body={item.body} /> },
            {
              key: 'versions',
              label: tabLabel('版本', item.versions.length),
              children: <VersionsTab item={item} />,
            },
            {
              key: 'timeline',
              label: tabLabel('时间线', item.timeline.length),
              children: <TimelineTab events={item.timeline} />,
            },
            {
              key: 'attachments',
              label: tabLabel('附件', item.attachments.length),
              children: <AttachmentList attachments={item.attachments} />,
            },
            {
              key: 'adoptions',
              label: tabLabel('采用情况', item.adoptions.length),
              children: <AdoptionsTable adoptions={item.adoptions} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

/** 信息详情 (/items/:id), the same page for every role; the buttons follow the server's actions. */
export function ItemPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useItem(id);
  // Opened from a link in a notice or another site: there is no page of ours to go back to.
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/');
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={goBack} style={{ padding: 0, marginBottom: 8 }}>
      返回
    </Button>
  );
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Result
          status="404"
          title="信息不存在或您无权查看"
          extra={
            <Link to="/">
              <Button type="primary">返回首页</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      {back}
      <ItemView item={query.data} onReload={() => void query.refetch()} />
    </>
  );
}
