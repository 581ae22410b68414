import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import { INSTRUCTIONS_KEY, uploadFile } from './api.ts';

/** One file at a time to `url` (multipart field `file`); the list refreshes after each. */
export function FileUpload({ url, label = '上传附件' }: { url: string; label?: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Upload
      multiple
      showUploadList={{ showRemoveIcon: false }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(url, file as File)
          .then((r) => {
            onSuccess?.(r);
            message.success(`已上传：${r.fileName}`);
            void qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
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
