import { Alert } from 'antd';
import { DocumentPreview } from '../../../components/DocumentPreview.tsx';
import { type Notice, noticeDocumentUrl } from './api.ts';

/** 打印预览 of a 通报 in the 公文 layout, as its Word file; a draft carries 样稿. */
export function NoticePreview({ notice, unsaved }: { notice: Notice; unsaved: boolean }) {
  return (
    <DocumentPreview
      src={`${noticeDocumentUrl(notice.id, 'html')}?v=${notice.version}`}
      title={`${notice.title}打印预览`}
      hint={`按公文版式预览（A4），与下载的 Word 文档一致${notice.status === 'draft' ? '；草稿标注“样稿”' : ''}。打印时请选择“A4”纸张、不缩放。`}
      openInNewWindow
      banner={
        unsaved && <Alert type="warning" showIcon title="正文有未保存的修改：预览显示的是上次保存的内容。" />
      }
    />
  );
}
