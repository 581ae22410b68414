import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Modal, Skeleton, Typography } from 'antd';
import { api, download } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';

type WorkSummary = {
  officeName: string;
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
};

/** 工作总结 (工作情况) of a range, written by the server from live data; copy it or take the Word file. */
export function WorkSummaryModal({
  open,
  onClose,
  officeId,
  from,
  to,
}: {
  open: boolean;
  onClose: () => void;
  officeId: string;
  from: string;
  to: string;
}) {
  const { message } = App.useApp();
  const qs = new URLSearchParams({ officeId, from, to }).toString();
  const query = useQuery({
    queryKey: ['assessment', 'work-summary', qs],
    queryFn: () => api<WorkSummary>('GET', `/api/assessment/work-summary?${qs}`),
    enabled: open,
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={760}
      title="工作总结草稿（工作情况）"
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button
          key="docx"
          type="primary"
          icon={<DownloadOutlined />}
          disabled={!query.data}
          onClick={() =>
            download(
              `/api/assessment/work-summary.docx?${qs}`,
              `${query.data?.title ?? '工作总结'}.docx`,
            ).catch((e) => message.error(e instanceof Error ? e.message : '下载失败'))
          }
        >
          下载Word
        </Button>,
      ]}
    >
      {query.error && <QueryError error={query.error} />}
      {query.isLoading && <Skeleton active />}
      {query.data && (
        <Typography>
          <Typography.Title level={5} style={{ textAlign: 'center' }}>
            {query.data.title}
          </Typography.Title>
          {query.data.sections.map((s) => (
            <div key={s.heading}>
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {s.heading}
              </Typography.Paragraph>
              {s.paragraphs.map((p) => (
                <Typography.Paragraph key={p} copyable style={{ textIndent: '2em' }}>
                  {p}
                </Typography.Paragraph>
              ))}
            </div>
          ))}
          <Typography.Text type="secondary">
            数据截至打开时；“存在问题”“下一步打算”等部分请在 Word 中续写。
          </Typography.Text>
        </Typography>
      )}
    </Modal>
  );
}
