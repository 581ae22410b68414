import { DocumentPreview } from '../../components/DocumentPreview.tsx';
import type { IssueDetail } from './types.ts';

/**
 * The issue's print preview in the publication layout (A4 pages, masthead, 报尾), the same data as
 * the Word document.
 */
export function IssuePreview({
  issue,
  height = 'calc(100vh - 260px)',
}: {
  issue: IssueDetail;
  height?: string;
}) {
  return (
    <DocumentPreview
      src={`/api/issues/${issue.id}/preview?v=${issue.version}`}
      title={`${issue.publicationName}${issue.label}预览`}
      hint="按印刷版式预览（A4），与生成的 Word 文档内容一致。打印时请选择“A4”纸张、不缩放。"
      height={height}
    />
  );
}
