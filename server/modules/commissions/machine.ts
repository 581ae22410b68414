import type { CommissionAnswer, CommissionStatus, Role } from '../../db/schema/index.ts';
import { defineMachine, type TransitionRow } from '../../lib/transitions.ts';

export const COMMISSION_STATUS_LABELS: Record<CommissionStatus, string> = {
  draft: '草稿',
  issued: '已下发',
  closed: '已结束',
  cancelled: '已撤销',
};
export const ANSWER_LABELS: Record<CommissionAnswer, string> = {
  open: '待报送',
  answered: '已报送',
  declined: '已婉拒',
};

/**
 * A 约稿通知单 (docs/domain.md §1, 约稿制度): drafted and edited by the office's 信息科, issued
 * (numbered, sent to the target units), then closed by the office — before or after the
 * deadline — or cancelled with a reason. One table, run by `defineMachine` like every workflow.
 */
export type CommissionAction = 'edit' | 'issue' | 'cancel' | 'close';
export type CommissionTransition = TransitionRow<CommissionStatus, CommissionAction>;

const OFFICE: readonly Role[] = ['editor', 'chief_editor'];
const UNIT: readonly Role[] = ['reporter', 'unit_signer', 'editor', 'chief_editor'];

export const COMMISSION_TRANSITIONS: readonly CommissionTransition[] = [
  { action: 'edit', label: '修改约稿', from: ['draft'], to: null, roles: OFFICE },
  { action: 'issue', label: '下发约稿通知', from: ['draft'], to: 'issued', roles: OFFICE },
  {
    action: 'cancel',
    label: '撤销约稿',
    from: ['draft', 'issued'],
    to: 'cancelled',
    roles: OFFICE,
    reasonRequired: true,
  },
  { action: 'close', label: '结束约稿', from: ['issued'], to: 'closed', roles: OFFICE },
];

export type CommissionFacts = { status: CommissionStatus; officeId: string };
export type CommissionCaller = { roles: readonly Role[]; staffOfficeIds: readonly string[] };

export const commissionMachine = defineMachine<
  CommissionStatus,
  CommissionAction,
  CommissionTransition,
  CommissionFacts,
  CommissionCaller
>({
  rows: COMMISSION_TRANSITIONS,
  statusLabels: COMMISSION_STATUS_LABELS,
  subject: '该约稿',
  stateSubject: '该约稿',
  statusOf: (f) => f.status,
  permits: (row, f, c) => row.roles.some((r) => c.roles.includes(r)) && c.staffOfficeIds.includes(f.officeId),
});

/**
 * A target unit's answer: 报送 (an item linked to the commission is signed off — the items
 * module calls in) or 婉拒 with a reason. A unit that declined may still answer with an item;
 * one that answered cannot decline. Only while the commission is issued.
 */
export type AnswerAction = 'answer' | 'decline';
export type AnswerTransition = TransitionRow<CommissionAnswer, AnswerAction>;

export const ANSWER_TRANSITIONS: readonly AnswerTransition[] = [
  { action: 'answer', label: '报送约稿信息', from: ['open', 'declined'], to: 'answered', roles: UNIT },
  {
    action: 'decline',
    label: '婉拒约稿',
    from: ['open'],
    to: 'declined',
    roles: UNIT,
    reasonRequired: true,
  },
];

export type AnswerFacts = { answer: CommissionAnswer; unitId: string; status: CommissionStatus };
export type AnswerCaller = { roles: readonly Role[]; unitIds: readonly string[] };

export const answerMachine = defineMachine<
  CommissionAnswer,
  AnswerAction,
  AnswerTransition,
  AnswerFacts,
  AnswerCaller
>({
  rows: ANSWER_TRANSITIONS,
  statusLabels: ANSWER_LABELS,
  subject: '该约稿',
  stateSubject: '本单位对该约稿的答复',
  statusOf: (f) => f.answer,
  permits: (row, f, c) => row.roles.some((r) => c.roles.includes(r)) && c.unitIds.includes(f.unitId),
  guard: (_row, f) =>
    f.status === 'issued'
      ? null
      : { status: 409, message: `该约稿${COMMISSION_STATUS_LABELS[f.status]}，不能再答复` },
});
