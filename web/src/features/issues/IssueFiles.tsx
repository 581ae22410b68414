import { DownloadOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Popover, Table, Tag, Typography } from 'antd';
import { ISSUE_STATUS_LABELS } from '../../../../server/modules/issues/issue-workflow.ts';
import { ApiError } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import { useGenerateIssueFile } from './api.ts';
import type { IssueDetail, IssueFile, IssueFileKind } from './types.ts';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function CheckCell({ file }: { file: IssueFile }) {
  if (file.checkProblems === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (file.checkProblems.length === 0) return <Tag color="green">通过</Tag>;
  return (
    <Popover
      title="格式检查发现的问题"
      content={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 420 }}>
          {file.checkProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      }
    >
      <Tag color="red" style={{ cursor: 'help' }}>
        {file.checkProblems.length} 处问题
      </Tag>
    </Popover>
  );
}

/**
 * 文档与归档: generate a Word or PDF copy of the issue as it stands; every copy is kept with its
 * hash, the one made at 发布 marked 定稿.
 */
export function IssueFiles({ issue }: { issue: IssueDetail }) {
  const { message } = App.useApp();
  const generate = useGenerateIssueFile(issue.id);
  const mayGenerate = issue.actions.includes('generate');

  const run = async (kind: IssueFileKind) => {
    try {
      const file = await generate.mutateAsync(kind);
      message.success(`已生成 ${file.fileName}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NO_PDF_CONVERTER') message.warning(e.message, 8);
      else message.error(errorMessage(e));
    }
  };

  const pending = generate.isPending ? generate.variables : null;
  return (
    <Flex vertical gap={12}>
      {mayGenerate && (
        <Flex gap={8} wrap align="center">
          <Button
            icon={<FileWordOutlined />}
            loading={pending === 'docx'}
            disabled={generate.isPending}
            onClick={() => void run('docx')}
          >
            生成 Word
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            loading={pending === 'pdf'}
            disabled={generate.isPending}
            onClick={() => void run('pdf')}
          >
            生成 PDF
          </Button>
          <Typography.Text type="secondary">
            {generate.isPending
              ? '正在排版生成，请稍候…'
              : issue.status === 'published'
                ? '发布时已生成定稿 Word；重新生成的内容与定稿相同。'
                : '按当前内容生成，供校对；发布时自动生成定稿。'}
          </Typography.Text>
        </Flex>
      )}
      {generate.isError &&
        generate.error instanceof ApiError &&
        generate.error.code === 'NO_PDF_CONVERTER' && (
          <Alert type="warning" showIcon title={generate.error.message} />
        )}
      <Table<IssueFile>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={issue.files}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={mayGenerate ? '还没有生成文档。点击“生成 Word”或“生成 PDF”。' : '还没有生成文档'}
            />
          ),
        }}
        columns={[
          {
            title: '类型',
            dataIndex: 'kind',
            width: 90,
            render: (k: IssueFileKind, f) => (
              <Flex gap={4} align="center">
                {k === 'docx' ? 'Word' : 'PDF'}
                {f.final && <Tag color="green">定稿</Tag>}
              </Flex>
            ),
          },
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (n: string, f) => (
              <span>
                {n}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {formatSize(f.sizeBytes)}
                  {f.converter ? ` · ${f.converter === 'libreoffice' ? 'LibreOffice' : 'Chromium'} 转换` : ''}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: '生成时状态',
            dataIndex: 'issueStatus',
            width: 96,
            render: (s: IssueFile['issueStatus']) => ISSUE_STATUS_LABELS[s],
          },
          { title: '格式检查', key: 'check', width: 96, render: (_: unknown, f) => <CheckCell file={f} /> },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            width: 150,
            render: (h: string) => (
              <Typography.Text code copyable={{ text: h, tooltips: ['复制完整哈希', '已复制'] }} title={h}>
                {h.slice(0, 12)}
              </Typography.Text>
            ),
          },
          { title: '生成人', dataIndex: 'generatedByName', width: 90 },
          { title: '时间', dataIndex: 'generatedAt', width: 142, render: (v: string) => formatDateTime(v) },
          {
            title: '下载',
            key: 'download',
            width: 72,
            fixed: 'right',
            render: (_: unknown, f) => (
              <a href={f.downloadUrl} download={f.fileName} aria-label={`下载 ${f.fileName}`}>
                <DownloadOutlined /> 下载
              </a>
            ),
          },
        ]}
      />
    </Flex>
  );
}
