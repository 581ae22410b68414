import {
  ArrowLeftOutlined,
  DeleteOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Skeleton,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, download } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useAssessmentOffices } from '../../features/assessment/api.ts';
import {
  type Notice,
  noticeDocumentUrl,
  useNotice,
  useNoticeMutations,
} from '../../features/assessment/notices/api.ts';
import { NoticeStatusTag, shortHash } from '../../features/assessment/notices/labels.tsx';
import { AdoptedList, ScoreTables } from '../../features/assessment/notices/NoticeAttachments.tsx';
import { NoticePreview } from '../../features/assessment/notices/NoticePreview.tsx';
import { NoticeTextsForm, NoticeTextsView } from '../../features/assessment/notices/NoticeTexts.tsx';
import { errorMessage } from '../../features/orgs/formErrors.ts';
import { formatDateTime } from '../../format.ts';

const TABS = ['text', 'scores', 'titles', 'preview'] as const;
type TabKey = (typeof TABS)[number];

function DocumentButtons({ n }: { n: Notice }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);
  const get = (format: 'docx' | 'pdf') => {
    setBusy(format);
    download(
      noticeDocumentUrl(n.id, format),
      `${n.title}${n.status === 'draft' && format === 'docx' ? '（样稿）' : ''}.${format}`,
    )
      .catch((err: Error) => message.error(err.message))
      .finally(() => setBusy(null));
  };
  const what = n.status === 'draft' ? '（样稿）' : n.fileSha256 ? '（存档文件）' : '';
  return (
    <>
      <Button
        icon={<FileWordOutlined />}
        loading={busy === 'docx'}
        title={`下载通报 Word${what}`}
        onClick={() => get('docx')}
      >
        下载Word
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        title="下载通报 PDF"
        onClick={() => get('pdf')}
      >
        下载PDF
      </Button>
    </>
  );
}

function NoticeView({ n }: { n: Notice }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const offices = useAssessmentOffices();
  const insider = offices.data?.some((o) => o.id === n.officeId && o.relation !== 'member') ?? false;
  const { refresh, issue, remove } = useNoticeMutations();
  const [dirty, setDirty] = useState(false);
  // A new version (saved, refreshed, reloaded) remounts the form with the saved texts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version is the trigger
  useEffect(() => setDirty(false), [n.version]);
  const tabParam = params.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && TABS.includes(tabParam) ? tabParam : 'text';
  const setTab = (key: string) => {
    const p = new URLSearchParams(params);
    if (key === 'text') p.delete('tab');
    else p.set('tab', key);
    setParams(p, { replace: true });
  };
  const s = n.snapshot;

  const confirmRefresh = () =>
    modal.confirm({
      title: '更新通报数据？',
      content: (
        <>
          <Typography.Paragraph>
            重新从考评数据取数，附件1、附件2随之更新；“一、总体情况”“二、表现突出的单位”“三、零报送零采用单位”三段文字按新数据重写，对这三段的修改将被覆盖。“四、存在的问题”“五、下一步工作要求”保留。
          </Typography.Paragraph>
          {dirty && <Typography.Text type="danger">正文有未保存的修改，更新后将丢失。</Typography.Text>}
        </>
      ),
      okText: '更新数据',
      onOk: () =>
        refresh
          .mutateAsync({ id: n.id, version: n.version })
          .then(() => message.success('数据已更新'))
          .catch((err: Error) => {
            message.error(err.message);
          }),
    });

  const confirmIssue = () => {
    if (dirty) {
      setTab('text');
      message.warning('正文有未保存的修改，请先保存再印发');
      return;
    }
    modal.confirm({
      title: '印发通报？',
      content: '印发后不能修改，各单位可在首页查看',
      okText: '印发',
      onOk: () =>
        issue
          .mutateAsync({ id: n.id, version: n.version })
          .then(() => message.success('通报已印发并存档'))
          .catch((err: Error) => {
            message.error(err.message);
          }),
    });
  };

  const confirmDelete = () =>
    modal.confirm({
      title: '删除通报草稿？',
      content: '删除后不能恢复，可重新起草。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: () =>
        remove
          .mutateAsync({ id: n.id, version: n.version })
          .then(() => {
            message.success('通报草稿已删除');
            navigate(`/assessment/notices?officeId=${n.officeId}`, { replace: true });
          })
          .catch((err: Error) => {
            message.error(errorMessage(err));
          }),
    });

  const items = [
    {
      key: 'ruleSet',
      label: '计分依据',
      children: `《${s.ruleSet.name}》第${s.ruleSet.versionNo}版`,
    },
    { key: 'range', label: '通报期间', children: `${n.periodStart} 至 ${n.periodEnd}` },
    { key: 'created', label: '起草', children: `${n.createdByName} ${formatDateTime(n.createdAt)}` },
    ...(n.issuedAt
      ? [
          {
            key: 'issued',
            label: '印发',
            children: `${n.issuedByName ?? ''} ${formatDateTime(n.issuedAt)}`,
          },
        ]
      : []),
    ...(n.fileSha256
      ? [
          {
            key: 'sha',
            label: '存档校验码',
            children: (
              <Tooltip title={`SHA-256：${n.fileSha256}`}>
                <Typography.Text
                  code
                  copyable={{ text: n.fileSha256, tooltips: ['复制完整校验码', '已复制'] }}
                  data-testid="notice-sha"
                >
                  {shortHash(n.fileSha256)}
                </Typography.Text>
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 6 }}>
          <NoticeStatusTag status={n.status} label={n.statusLabel} />
          <Typography.Text type="secondary">
            {n.periodTitle} · {s.office.name}
          </Typography.Text>
        </Flex>
        <Typography.Title level={4} style={{ margin: '0 0 12px', overflowWrap: 'anywhere' }}>
          {n.title}
        </Typography.Title>
        <Flex gap={8} wrap>
          {n.canEdit && (
            <Button type="primary" icon={<SendOutlined />} onClick={confirmIssue} loading={issue.isPending}>
              印发
            </Button>
          )}
          {n.canEdit && (
            <Button icon={<ReloadOutlined />} onClick={confirmRefresh} loading={refresh.isPending}>
              更新数据
            </Button>
          )}
          <DocumentButtons n={n} />
          {n.canEdit && (
            <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} loading={remove.isPending}>
              删除草稿
            </Button>
          )}
        </Flex>
      </div>
      {n.status === 'draft' && (
        <Alert
          type="info"
          showIcon
          title={
            n.canEdit
              ? '草稿：各单位看不到。修改正文、核对附件后点“印发”；印发后不能修改，各单位可在首页查看。'
              : '草稿：尚未印发，各单位看不到。'
          }
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'text',
              label: dirty ? '正文（未保存）' : '正文',
              children: n.canEdit ? (
                <NoticeTextsForm key={n.version} notice={n} onDirtyChange={setDirty} />
              ) : (
                <NoticeTextsView notice={n} />
              ),
            },
            { key: 'scores', label: '附件1 得分情况', children: <ScoreTables notice={n} /> },
            {
              key: 'titles',
              label: '附件2 采用信息目录',
              children: <AdoptedList notice={n} linkAll={insider} />,
            },
            { key: 'preview', label: '打印预览', children: <NoticePreview notice={n} unsaved={dirty} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}

/** 通报 (/assessment/notices/:id): the texts (edited while a draft), the two 附件, the print preview. */
export function NoticePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useNotice(id);
  const goBack = () =>
    (window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/assessment/notices');
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Result
          status="404"
          title={query.error.message}
          extra={
            <Link to="/assessment/notices">
              <Button type="primary">返回通报列表</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={goBack}
        style={{ padding: 0, marginBottom: 8 }}
      >
        返回
      </Button>
      <NoticeView n={query.data} />
    </>
  );
}
