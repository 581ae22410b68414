import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { api, download } from '../api/client.ts';
import { formatDateTime } from '../format.ts';

/**
 * Files on a record (a 批示's scan, a 反馈's report, a 约稿's template, a meeting's slides), as the
 * server's record-file endpoints give them (server/modules/attachments/record-files.ts).
 */
export type RecordFile = {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedByName: string;
  createdAt: string;
};

function size(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Sends one file (multipart field `file`); the server's Chinese message on failure. */
export function uploadRecordFile(url: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<{ id: string; fileName: string; sizeBytes: number }>('POST', url, form);
}

/** The files, each a download through the session; nothing when there are none. */
export function RecordFileList({ files, urlOf }: { files: RecordFile[]; urlOf: (fileId: string) => string }) {
  const { message } = App.useApp();
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {files.map((f) => (
        <span key={f.id} style={{ overflowWrap: 'anywhere' }}>
          <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 4 }} />
          <Typography.Link
            onClick={() =>
              download(urlOf(f.id), f.fileName).catch((err: Error) => message.error(err.message))
            }
          >
            {f.fileName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {size(f.sizeBytes)} · {f.uploadedByName} {formatDateTime(f.createdAt)}
          </Typography.Text>
        </span>
      ))}
    </Flex>
  );
}

/**
 * Uploads files to `url` one at a time, then refreshes the queries under `refresh` (the page
 * that lists them). `showList` keeps the uploaded names under the button, where no list shows them.
 */
export function RecordFileUpload({
  url,
  refresh,
  label = '上传附件',
  showList = false,
}: {
  url: string;
  refresh: readonly unknown[];
  label?: string;
  showList?: boolean;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Upload
      multiple
      showUploadList={showList ? { showRemoveIcon: false } : false}
      customRequest={({ file, onSuccess, onError }) => {
        uploadRecordFile(url, file as File)
          .then((r) => {
            onSuccess?.(r);
            message.success(`已上传：${r.fileName}`);
            void qc.invalidateQueries({ queryKey: refresh });
          })
          .catch((err: Error) => {
            onError?.(err);
            message.error(err.message);
          });
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
