import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { formatDocDate } from '../../format.ts';
import { ReasonModal, type ReasonRequest } from '../items/ReasonModal.tsx';
import { errorMessage } from '../orgs/formErrors.ts';
import { useDeleteIssue, useIssueTransition } from './api.ts';
import type { IssueDetail, Transition } from './types.ts';

/** True when another save came first: the issue is reloaded and the user tries again. */
function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}

/**
 * The issue's workflow steps, each behind the dialog it needs: 定版 and 签发 and 发布 confirm
 * what will happen, 解除定版 asks for the reason, 删除草稿 confirms. A 409 shows the server's
 * message and reloads.
 */
export function useIssueActions(issue: IssueDetail, onReload: () => void) {
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const transition = useIssueTransition();
  const remove = useDeleteIssue();
  const [reason, setReason] = useState<ReasonRequest | null>(null);

  const run = async (action: Transition, done: string, extra?: { reason: string }) => {
    try {
      await transition.mutateAsync({ id: issue.id, action, version: issue.version, ...extra });
      message.success(done);
    } catch (e) {
      if (isConflict(e)) {
        message.warning(errorMessage(e));
        onReload();
        return;
      }
      throw e;
    }
  };

  const confirm = (
    title: string,
    content: ReactNode,
    okText: string,
    onOk: () => Promise<void>,
    danger = false,
  ) =>
    modal.confirm({
      title,
      content,
      okText,
      cancelText: '取消',
      okButtonProps: { danger },
      width: 480,
      onOk: async () => {
        try {
          await onOk();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const name = `《${issue.publicationName}》${issue.label}`;

  const start = (action: Transition | 'delete') => {
    switch (action) {
      case 'lock':
        return confirm(
          `定版${name}？`,
          `定版后本期的信息、顺序和编者按不能再修改，由${issue.signerName ?? '主编/签发领导'}签发。如需修改，须由主编/签发领导解除定版。`,
          '定版',
          () => run('lock', '已定版，等待签发'),
        );
      case 'sign':
        return confirm(
          `签发${name}？`,
          <div>
            签发日期（今天，{formatDocDate(new Date())}）即为本期刊物的日期，印在报头上。签发后由编辑发布。
          </div>,
          '签发',
          () => run('sign', '已签发'),
        );
      case 'publish':
        return confirm(
          `发布${name}？`,
          <div>
            发布后：
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              <li>本期 {issue.items.length} 条信息状态变为“已发布”；</li>
              <li>每条信息登记本刊采用记录（计入报送单位的考评）；</li>
              <li>生成正式 Word 文档（定稿）并归档；</li>
              <li>勾选“上网站”的信息进入网站推送队列。</li>
            </ul>
            发布后不能撤销。
          </div>,
          '发布',
          () => run('publish', '已发布，定稿文档已归档'),
        );
      case 'unlock':
        return setReason({
          title: `解除定版：${name}`,
          description:
            issue.status === 'signed'
              ? '本期已签发。解除定版将撤销签发和刊期日期，刊物回到编辑中，修改后须重新定版、签发。'
              : '刊物回到编辑中，修改后须重新定版、签发。',
          label: '解除定版的原因',
          placeholder: '如：第2条信息数据需更正',
          okText: '解除定版',
          danger: true,
          onOk: (r) => run('unlock', '已解除定版，刊物回到编辑中', { reason: r }),
        });
      case 'delete':
        return confirm(
          `删除草稿${name}？`,
          '本期编入的信息回到“拟采用”，期号留给下一期使用。只能删除本刊最新一期的草稿。',
          '删除',
          async () => {
            try {
              await remove.mutateAsync({ id: issue.id, version: issue.version });
            } catch (e) {
              if (isConflict(e)) {
                message.warning(errorMessage(e));
                onReload();
                return;
              }
              throw e;
            }
            message.success(`已删除${name}`);
            navigate('/issues');
          },
          true,
        );
    }
  };

  const dialogs = <ReasonModal request={reason} onClose={() => setReason(null)} />;
  return { start, dialogs, busy: transition.isPending || remove.isPending };
}
