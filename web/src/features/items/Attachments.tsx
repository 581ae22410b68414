import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Image, Popconfirm, Typography, Upload } from 'antd';
import { errorMessage } from '../orgs/formErrors.ts';
import { useDeleteAttachment, useUploadAttachment } from './api.ts';
import type { ItemAttachment } from './types.ts';

/** 1.2 MB / 350 KB: sizes as people read them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** The server's allow-list (server/modules/attachments/file-types.ts); it checks the content too. */
const ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.wps,.et,.ofd,.zip,.txt';

const isImage = (a: ItemAttachment) => a.kind === 'image' || a.mimeType.startsWith('image/');

/** Images as thumbnails (click to enlarge), other files as download links; optionally deletable. */
export function AttachmentList({
  attachments,
  onDelete,
  deleting,
}: {
  attachments: ItemAttachment[];
  onDelete?: (a: ItemAttachment) => void;
  deleting?: string | null;
}) {
  if (attachments.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有附件" style={{ margin: '8px 0' }} />;
  const images = attachments.filter(isImage);
  const files = attachments.filter((a) => !isImage(a));
  const remove = (a: ItemAttachment) =>
    onDelete && (
      <Popconfirm
        title={`删除附件“${a.fileName}”？`}
        okText="删除"
        cancelText="取消"
        onConfirm={() => onDelete(a)}
      >
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={`删除 ${a.fileName}`}
          loading={deleting === a.id}
        />
      </Popconfirm>
    );
  return (
    <Flex vertical gap={12}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={12}>
            {images.map((a) => (
              <Flex key={a.id} vertical align="center" gap={4} style={{ width: 128 }}>
                <Image
                  src={a.url}
                  alt={a.fileName}
                  width={128}
                  height={96}
                  style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
                />
                <Flex align="center" gap={2} style={{ width: '100%' }}>
                  <Typography.Text ellipsis={{ tooltip: a.fileName }} style={{ fontSize: 12, flex: 1 }}>
                    {a.fileName}
                  </Typography.Text>
                  {remove(a)}
                </Flex>
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {files.map((a) => (
        <Flex key={a.id} align="center" gap={8} wrap>
          <PaperClipOutlined style={{ color: '#8c8c8c' }} />
          <a href={a.url} download={a.fileName} style={{ wordBreak: 'break-all' }}>
            {a.fileName}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBytes(a.sizeBytes)}
          </Typography.Text>
          {remove(a)}
        </Flex>
      ))}
    </Flex>
  );
}

/** The compose form's attachments: upload once the item has been saved, list with delete. */
export function AttachmentsEditor({
  itemId,
  attachments,
}: {
  itemId: string | undefined;
  attachments: ItemAttachment[];
}) {
  const { message } = App.useApp();
  const upload = useUploadAttachment(itemId);
  const remove = useDeleteAttachment(itemId);
  return (
    <Flex vertical gap={8}>
      <Flex align="center" gap={12} wrap>
        <Upload
          multiple
          accept={ACCEPT}
          showUploadList={false}
          disabled={!itemId}
          customRequest={({ file, onSuccess, onError }) => {
            upload
              .mutateAsync(file as File)
              .then((r) => {
                onSuccess?.(r);
                message.success(`已上传：${(file as File).name}`);
              })
              .catch((e: Error) => {
                onError?.(e);
                message.error(`${(file as File).name}：${errorMessage(e)}`);
              });
          }}
        >
          <Button icon={<UploadOutlined />} disabled={!itemId} loading={upload.isPending}>
            上传附件
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {itemId ? '支持图片、PDF、Word/WPS、Excel、OFD、ZIP、TXT，可多选' : '保存草稿后即可上传图片和附件'}
        </Typography.Text>
      </Flex>
      {itemId && attachments.length > 0 && (
        <AttachmentList
          attachments={attachments}
          deleting={remove.isPending ? (remove.variables ?? null) : null}
          onDelete={(a) =>
            remove
              .mutateAsync(a.id)
              .then(() => message.success(`已删除：${a.fileName}`))
              .catch((e) => message.error(errorMessage(e)))
          }
        />
      )}
    </Flex>
  );
}
