import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { download } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import {
  COMMISSIONS_KEY,
  type CommissionFile,
  commissionDownloadUrl,
  commissionFileUrl,
  uploadFile,
} from './api.ts';

function size(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The commission's files (参考材料, 报送模板), each a download through the session. */
export function CommissionFiles({ commissionId, files }: { commissionId: string; files: CommissionFile[] }) {
  const { message } = App.useApp();
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {files.map((f) => (
        <span key={f.id} style={{ overflowWrap: 'anywhere' }}>
          <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 4 }} />
          <Typography.Link
            onClick={() =>
              download(commissionDownloadUrl(commissionId, f.id), f.fileName).catch((err: Error) =>
                message.error(err.message),
              )
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

/** Uploads files to the commission one at a time (multipart field `file`); the page refreshes after each. */
export function CommissionFileUpload({ commissionId }: { commissionId: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Upload
      multiple
      showUploadList={false}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(commissionFileUrl(commissionId), file as File)
          .then((r) => {
            onSuccess?.(r);
            message.success(`已上传：${r.fileName}`);
            void qc.invalidateQueries({ queryKey: COMMISSIONS_KEY });
          })
          .catch((err: Error) => {
            onError?.(err);
            message.error(err.message);
          });
      }}
    >
      <Button icon={<UploadOutlined />}>上传附件</Button>
    </Upload>
  );
}
