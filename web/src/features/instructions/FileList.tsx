import { PaperClipOutlined } from '@ant-design/icons';
import { App, Flex, Typography } from 'antd';
import { download } from '../../api/client.ts';
import { downloadUrl, type InstructionFile } from './api.ts';

function size(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Files of an instruction or of a feedback round, each a download through the session. */
export function FileList({ instructionId, files }: { instructionId: string; files: InstructionFile[] }) {
  const { message } = App.useApp();
  if (files.length === 0) return null;
  return (
    <Flex vertical gap={2}>
      {files.map((f) => (
        <span key={f.id}>
          <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 4 }} />
          <Typography.Link
            onClick={() =>
              download(downloadUrl(instructionId, f.id), f.fileName).catch((err: Error) =>
                message.error(err.message),
              )
            }
          >
            {f.fileName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {size(f.sizeBytes)} · {f.uploadedByName}
          </Typography.Text>
        </span>
      ))}
    </Flex>
  );
}
