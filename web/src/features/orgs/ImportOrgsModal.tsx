import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useImportOrgs } from './api.ts';
import { errorMessage } from './formErrors.ts';
import type { ImportResult, ImportRowError } from './types.ts';

type Outcome =
  | { kind: 'done'; fileName: string; result: ImportResult }
  | { kind: 'invalid'; fileName: string; message: string; errors: ImportRowError[] }
  | { kind: 'failed'; fileName: string; message: string };

type Props = { open: boolean; onClose: () => void; onDownloadTemplate: () => void };

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * 导入: one .xlsx, checked whole on the server; either every row is applied (matched by 单位编码)
 * or none is, and then every bad row is listed with its column and reason.
 */
export function ImportOrgsModal({ open, onClose, onDownloadTemplate }: Props) {
  const { message } = App.useApp();
  const importOrgs = useImportOrgs();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);

  const close = () => {
    if (uploading) return;
    setOutcome(null);
    onClose();
  };

  const run = async (file: File) => {
    setOutcome(null);
    setUploading(file.name);
    try {
      const result = await importOrgs.mutateAsync(file);
      setOutcome({ kind: 'done', fileName: file.name, result });
      message.success('单位导入完成');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IMPORT_INVALID') {
        const errors = (err.details as { errors?: ImportRowError[] } | undefined)?.errors ?? [];
        setOutcome({ kind: 'invalid', fileName: file.name, message: err.message, errors });
      } else {
        setOutcome({ kind: 'failed', fileName: file.name, message: errorMessage(err) });
      }
    } finally {
      setUploading(null);
    }
  };

  return (
    <Modal
      open={open}
      title="导入单位"
      onCancel={close}
      width={760}
      footer={
        <Button onClick={close} disabled={!!uploading}>
          {outcome?.kind === 'done' ? '完成' : '关闭'}
        </Button>
      }
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          按<strong>单位编码</strong>匹配：编码已存在的单位更新其信息，不存在的新建。文件中任何一行有错误时，
          <strong>全部不导入</strong>，并列出每一行的问题，改正后重新上传即可。请使用
          <Button type="link" size="small" onClick={onDownloadTemplate} style={{ paddingInline: 4 }}>
            下载模板
          </Button>
          中的格式（.xlsx）。
        </Typography.Paragraph>
        <Spin spinning={!!uploading} description={uploading ? `正在上传并校验“${uploading}”…` : undefined}>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            multiple={false}
            showUploadList={false}
            disabled={!!uploading}
            beforeUpload={(file) => {
              if (!file.name.toLowerCase().endsWith('.xlsx')) {
                message.error('只能导入 .xlsx 格式的 Excel 文件');
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_BYTES) {
                message.error('文件不能超过 10 MB');
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              run(file as File).then(
                () => onSuccess?.({}),
                (e: unknown) => onError?.(e as Error),
              );
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将 .xlsx 文件拖到此处上传</p>
            <p className="ant-upload-hint">一次一个文件，不超过 10 MB</p>
          </Upload.Dragger>
        </Spin>
        {outcome?.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            title={`导入完成：新增 ${outcome.result.created} 个，更新 ${outcome.result.updated} 个，未变 ${outcome.result.unchanged} 个`}
            description={`文件：${outcome.fileName}`}
          />
        )}
        {outcome?.kind === 'failed' && (
          <Alert type="error" showIcon title={outcome.message} description={`文件：${outcome.fileName}`} />
        )}
        {outcome?.kind === 'invalid' && (
          <>
            <Alert
              type="error"
              showIcon
              title={outcome.message}
              description={`文件：${outcome.fileName}。请按下表逐行改正后重新上传。`}
            />
            <Table<ImportRowError>
              size="small"
              rowKey={(e, i) => `${e.row}-${e.column ?? ''}-${i}`}
              dataSource={outcome.errors}
              pagination={outcome.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '列', dataIndex: 'column', width: 140, render: (v: string | null) => v ?? '—' },
                { title: '错误说明', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
