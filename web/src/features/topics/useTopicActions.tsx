import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ReasonModal, type ReasonRequest } from '../items/ReasonModal.tsx';
import { errorMessage } from '../orgs/formErrors.ts';
import { type TopicRow, usePublishTopic, useWithdrawTopic } from './api.ts';
import { TopicFormModal } from './TopicFormModal.tsx';

export type OfficeAction = 'edit' | 'publish' | 'withdraw';

export const ACTION_LABELS: Record<OfficeAction, string> = {
  edit: '编辑',
  publish: '发布',
  withdraw: '撤回',
};

/** True when another save came first: the message is shown and the topic fetched again. */
const isConflict = (e: unknown) => e instanceof ApiError && e.status === 409;

/**
 * The office's steps on a topic, each behind the dialog it needs: 编辑 opens the form, 发布
 * confirms that the units will be told, 撤回 asks for the reason. Every step sends the version
 * read; a 409 shows the server's message while the lists and the page reload (the mutations
 * invalidate every topic query when they settle). Render `element` once on the page.
 */
export function useTopicActions() {
  const { modal, message } = App.useApp();
  const publish = usePublishTopic();
  const withdraw = useWithdrawTopic();
  const [editing, setEditing] = useState<TopicRow | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [reason, setReason] = useState<ReasonRequest | null>(null);

  const start = (action: OfficeAction, topic: TopicRow) => {
    const name = `“${topic.title}”（${topic.periodLabel}）`;
    if (action === 'edit') {
      setEditing(topic);
      setEditOpen(true);
      return;
    }
    if (action === 'publish')
      return modal.confirm({
        title: `发布报送要点${name}？`,
        content: '发布后各单位将收到通知，信息员可按此要点报送信息。发布后仍可修改或撤回。',
        okText: '发布',
        cancelText: '取消',
        width: 480,
        onOk: async () => {
          try {
            await publish.mutateAsync({ id: topic.id, version: topic.version });
            message.success('已发布，各单位信息员将收到通知');
          } catch (e) {
            if (isConflict(e)) message.warning(errorMessage(e));
            else message.error(errorMessage(e));
          }
        },
      });
    return setReason({
      title: `撤回报送要点${name}`,
      description:
        topic.status === 'draft'
          ? '草稿撤回后不再使用，不能恢复。'
          : '撤回后各单位不能再按此要点报送信息；已按此要点报送的信息保留标注，仍计入统计。撤回后不能恢复。',
      label: '撤回原因',
      placeholder: '如：与本季度重点工作安排调整不符',
      okText: '撤回',
      danger: true,
      onOk: async (r) => {
        try {
          await withdraw.mutateAsync({ id: topic.id, reason: r, version: topic.version });
          message.success('已撤回');
        } catch (e) {
          if (!isConflict(e)) throw e;
          // The dialog's copy is out of date: close it, say why, and let the page reload.
          message.warning(errorMessage(e));
        }
      },
    });
  };

  const element: ReactNode = (
    <>
      {editing && <TopicFormModal open={editOpen} topic={editing} onClose={() => setEditOpen(false)} />}
      <ReasonModal request={reason} onClose={() => setReason(null)} />
    </>
  );
  return { start, element };
}
