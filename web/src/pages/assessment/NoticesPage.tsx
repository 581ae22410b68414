import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useAssessmentOffices } from '../../features/assessment/api.ts';
import { type NoticeSummary, useNotices } from '../../features/assessment/notices/api.ts';
import { DraftNoticeModal } from '../../features/assessment/notices/DraftNoticeModal.tsx';
import { NOTICE_PERIOD_LABELS, NoticeStatusTag } from '../../features/assessment/notices/labels.tsx';
import { formatDateTime } from '../../format.ts';

/**
 * 考评通报 (/assessment/notices): the office's monthly, quarterly and annual notices, newest
 * period first. Its 信息科 drafts them from the ledger and sees drafts too; leaders read all;
 * units read the issued notices of the office they report to (the server filters).
 */
export function NoticesPage() {
  const [params, setParams] = useSearchParams();
  const offices = useAssessmentOffices();
  const officeId = params.get('officeId') ?? offices.data?.[0]?.id;
  const office = offices.data?.find((o) => o.id === officeId);
  const staff = office?.relation === 'staff';
  const query = useNotices(officeId);
  const [drafting, setDrafting] = useState(false);

  const columns: ColumnsType<NoticeSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, n) => (
        <Link to={`/assessment/notices/${n.id}`} style={{ fontWeight: 500 }}>
          {title}
        </Link>
      ),
    },
    {
      title: '期间',
      key: 'period',
      width: 190,
      render: (_: unknown, n) => (
        <span>
          {n.periodTitle}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {NOTICE_PERIOD_LABELS[n.period]} · {n.periodStart} 至 {n.periodEnd.slice(5)}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (_: unknown, n) => <NoticeStatusTag status={n.status} label={n.statusLabel} />,
    },
    {
      title: '计分依据',
      key: 'ruleSet',
      width: 260,
      render: (_: unknown, n) => (
        <span style={{ fontSize: 13 }}>
          《{n.ruleSet.name}》第{n.ruleSet.versionNo}版
        </span>
      ),
    },
    { title: '起草人', dataIndex: 'createdByName', width: 90 },
    {
      title: '印发时间',
      key: 'issuedAt',
      width: 150,
      render: (_: unknown, n) =>
        n.issuedAt ? (
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(n.issuedAt)}</span>
        ) : (
          <Typography.Text type="secondary">未印发</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="考评通报"
        description={
          staff
            ? '按考评数据起草月度、季度、年度通报，修改正文后印发；印发后存档，各单位可在首页查看。'
            : '办公室印发的政务信息报送采用情况通报，附各单位得分情况和被采用信息目录。'
        }
        extra={
          staff &&
          officeId && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setDrafting(true)}>
              起草通报
            </Button>
          )
        }
      />
      {offices.data && offices.data.length > 1 && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <Typography.Text>办公室</Typography.Text>
            <Select
              aria-label="办公室"
              style={{ minWidth: 240 }}
              value={officeId}
              options={offices.data.map((o) => ({
                value: o.id,
                label: `${o.name}${o.relation === 'member' ? '（上级）' : ''}`,
              }))}
              onChange={(v) => {
                const p = new URLSearchParams(params);
                p.set('officeId', v);
                setParams(p, { replace: true });
              }}
            />
          </Flex>
        </Card>
      )}
      {offices.error && <QueryError error={offices.error} onRetry={() => void offices.refetch()} />}
      {offices.data && offices.data.length === 0 ? (
        <Empty description="您不属于任何办公室或报送单位，没有可查看的通报" />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Card size="small">
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={query.data ?? []}
            loading={offices.isPending || query.isPending}
            pagination={(query.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={staff ? '还没有通报，点“起草通报”按月、季或年生成' : '暂无已印发的通报'}
                />
              ),
            }}
          />
        </Card>
      )}
      {staff && officeId && (
        <DraftNoticeModal
          open={drafting}
          officeId={officeId}
          officeName={office?.name}
          onClose={() => setDrafting(false)}
        />
      )}
    </>
  );
}
