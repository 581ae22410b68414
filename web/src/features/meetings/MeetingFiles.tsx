import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { download } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { MEETINGS_KEY, type MeetingFile, meetingDownloadUrl, uploadMeetingFile } from './api.ts';

function size(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A meeting's files (notice, sign-in sheet, slides, photos), each a download through the session. */
export function MeetingFileList({ meetingId, files }: { meetingId: string; files: MeetingFile[] }) {
  const { message } = App.useApp();
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {files.map((f) => (
        <span key={f.id} style={{ overflowWrap: 'anywhere' }}>
          <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 4 }} />
          <Typography.Link
            onClick={() =>
              download(meetingDownloadUrl(meetingId, f.id), f.fileName).catch((err: Error) =>
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

/** Uploads files to a meeting one at a time (multipart field `file`); the page refreshes after each. */
export function MeetingFileUpload({ meetingId }: { meetingId: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Upload
      multiple
      showUploadList={false}
      customRequest={({ file, onSuccess, onError }) => {
        uploadMeetingFile(meetingId, file as File)
          .then((r) => {
            onSuccess?.(r);
            message.success(`已上传：${r.fileName}`);
            void qc.invalidateQueries({ queryKey: MEETINGS_KEY });
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
