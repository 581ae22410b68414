import { FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { type Commission, noticeUrl } from './api.ts';

/**
 * The 约稿通知单 in the 公文 layout: Word and PDF downloads (PDF needs a converter on the server,
 * whose Chinese message shows when there is none) and the print preview in a new tab. Before
 * issue the server marks it 样稿.
 */
export function NoticeButtons({ commission }: { commission: Commission }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);
  const base = `${commission.numberLabel ?? ''}${commission.title}`;
  const get = (format: 'docx' | 'pdf') => {
    setBusy(format);
    download(noticeUrl(commission.id, format), `${base}.${format}`)
      .catch((err: Error) => message.error(err.message))
      .finally(() => setBusy(null));
  };
  return (
    <>
      <Button
        icon={<FileWordOutlined />}
        loading={busy === 'docx'}
        title="下载约稿通知单（Word）"
        onClick={() => get('docx')}
      >
        下载 Word
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        title="下载约稿通知单（PDF）"
        onClick={() => get('pdf')}
      >
        下载 PDF
      </Button>
      <Button
        icon={<PrinterOutlined />}
        href={noticeUrl(commission.id, 'html')}
        target="_blank"
        rel="noopener noreferrer"
      >
        打印预览
      </Button>
    </>
  );
}
