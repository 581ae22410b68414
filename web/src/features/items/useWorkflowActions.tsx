import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import { TRANSITIONS } from '../../../../server/modules/items/workflow.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { errorMessage } from '../orgs/formErrors.ts';
import { useItemAction } from './api.ts';
import { FindingList } from './QualityPanel.tsx';
import { ReasonModal, type ReasonRequest } from './ReasonModal.tsx';
import type { Finding, ItemAction, ItemDetail } from './types.ts';

/** What an action needs to know about its item. */
export type ActionTarget = { id: string; version: number; title: string; serial: number };

export type ActionContext = {
  /** The office the item is submitted to (签发, 重新报送). */
  officeName?: string;
  /** The office a 转报 goes to. */
  parentOfficeName?: string;
  targetPublicationId?: string;
};

export const ACTION_LABELS: Record<ItemAction, string> = Object.fromEntries(
  TRANSITIONS.map((t) => [t.action, t.label]),
) as Record<ItemAction, string>;

const REASON_ACTIONS = new Set<ItemAction>(TRANSITIONS.filter((t) => t.reasonRequired).map((t) => t.action));

const REASON_DONE: Partial<Record<ItemAction, string>> = {
  signer_return: '已退回信息员修改',
  return: '已退回报送单位修改',
  reject: '已退稿',
};

type Confirm = { title: string; content: ReactNode; ok: string; done: string; danger?: boolean };

function confirmText(
  action: ItemAction,
  t: ActionTarget,
  ctx: ActionContext,
  signer: string,
): Confirm | null {
  const office = ctx.officeName ?? '上级';
  switch (action) {
    case 'submit_for_signoff':
      return {
        title: `提交签发“${t.title}”？`,
        content: '提交后由本单位审核签发人审核签发；签发前您可以撤回。',
        ok: '提交签发',
        done: '已提交签发',
      };
    case 'withdraw':
      return {
        title: `撤回“${t.title}”？`,
        content: '撤回后信息回到草稿状态，可以继续修改后再提交。',
        ok: '撤回',
        done: '已撤回，信息回到草稿',
      };
    case 'sign':
      return {
        title: `签发报送“${t.title}”？`,
        content: `签发人记为“${signer}”，签发时间为现在；信息随即报送${office}。`,
        ok: '签发报送',
        done: `已签发，信息已报送${office}`,
      };
    case 'resubmit':
      return {
        title: `重新报送“${t.title}”？`,
        content: `修改后的信息重新报送${office}。`,
        ok: '重新报送',
        done: '已重新报送',
      };
    case 'forward':
      return {
        title: `转报${ctx.parentOfficeName ?? '上级'}？`,
        content: `“${t.title}”将报送${ctx.parentOfficeName ?? '上级办公室'}，由其编辑处理。同一信息只能转报一次。`,
        ok: '转报',
        done: `已转报${ctx.parentOfficeName ?? '上级'}`,
      };
    case 'accept':
      return { title: '拟采用', content: '', ok: '拟采用', done: '已拟采用' };
    default:
      return null;
  }
}

function reasonText(action: ItemAction, t: ActionTarget): Omit<ReasonRequest, 'onOk'> | null {
  switch (action) {
    case 'signer_return':
      return {
        title: '退回修改',
        description: `“${t.title}”将退回信息员修改，回到草稿状态。`,
        label: '退回原因',
        placeholder: '请写明需要修改的地方，信息员会看到这段话',
        okText: '退回修改',
      };
    case 'return':
      return {
        title: '退回',
        description: `“${t.title}”将退回报送单位修改，修改后可再次报送。`,
        label: '退回原因',
        placeholder: '请写明需要修改或补充的内容，报送单位会看到这段话',
        okText: '退回',
      };
    case 'reject':
      return {
        title: '退稿',
        description: (
          <span style={{ color: '#cf1322' }}>“{t.title}”将被退稿，不再处理。退稿是最终决定，不能撤销。</span>
        ),
        label: '退稿原因',
        placeholder: '请写明退稿原因，报送单位会看到这段话',
        okText: '确认退稿',
        danger: true,
      };
    default:
      return null;
  }
}

function findingsOf(err: unknown): Finding[] | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const f = (err.details as { findings?: Finding[] } | undefined)?.findings;
  return Array.isArray(f) ? f : null;
}

/**
 * Runs workflow actions (POST /api/items/:id/actions/:action with the item's version): a
 * confirm dialog, or a reason dialog where the workflow requires one. A 409 shows the server's
 * message and reloads; blocked quality checks list their findings.
 */
export function useWorkflowActions({
  onDone,
  onConflict,
}: {
  onDone?: (item: ItemDetail, action: ItemAction) => void;
  onConflict?: () => void;
}) {
  const me = useMe();
  const { message, modal } = App.useApp();
  const mutation = useItemAction();
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);

  const report = (err: unknown): boolean => {
    const findings = findingsOf(err);
    if (findings) {
      modal.error({
        title: errorMessage(err),
        content: <FindingList findings={findings} />,
        okText: '知道了',
      });
      return true;
    }
    if (err instanceof ApiError && err.status === 409) {
      message.error(err.message);
      onConflict?.();
      return true;
    }
    return false;
  };

  const post = async (
    target: ActionTarget,
    action: ItemAction,
    body: { reason?: string } & ActionContext,
  ) => {
    const item = await mutation.mutateAsync({
      id: target.id,
      action,
      version: target.version,
      reason: body.reason,
      targetPublicationId: body.targetPublicationId,
    });
    onDone?.(item, action);
    return item;
  };

  /** Starts `action` on `target`: asks for a reason or a confirmation, then posts it. */
  const start = (target: ActionTarget, action: ItemAction, ctx: ActionContext = {}) => {
    if (REASON_ACTIONS.has(action)) {
      const text = reasonText(action, target);
      if (!text) return;
      setReasonRequest({
        ...text,
        onOk: async (reason) => {
          try {
            await post(target, action, { ...ctx, reason });
            message.success(REASON_DONE[action] ?? `${ACTION_LABELS[action]}：已完成`);
          } catch (err) {
            if (!report(err)) throw err;
          }
        },
      });
      return;
    }
    const text = confirmText(action, target, ctx, me.user.displayName);
    if (!text) return;
    const runIt = async () => {
      try {
        await post(target, action, ctx);
        message.success(text.done);
      } catch (err) {
        if (!report(err)) message.error(errorMessage(err));
      }
    };
    modal.confirm({
      title: text.title,
      content: text.content,
      okText: text.ok,
      cancelText: '取消',
      okButtonProps: { danger: text.danger },
      onOk: runIt,
    });
  };

  /** Posts without asking (the caller has its own dialog); throws what it cannot show itself. */
  const perform = async (target: ActionTarget, action: ItemAction, ctx: ActionContext = {}) => {
    try {
      await post(target, action, ctx);
      message.success(confirmText(action, target, ctx, me.user.displayName)?.done ?? '已完成');
    } catch (err) {
      if (!report(err)) throw err;
    }
  };

  return {
    start,
    perform,
    pending: mutation.isPending,
    dialogs: <ReasonModal request={reasonRequest} onClose={() => setReasonRequest(null)} />,
  };
}
