import type { IssueStatus, ItemStatus, Role } from '../../db/schema/index.ts';
import { type CheckResult, defineMachine, type Refusal, type TransitionRow } from '../../lib/transitions.ts';

/**
 * The one transition table of the item workflow (docs/domain.md §2). The server enforces it
 * (commands call `checkTransition`; the checks are `defineMachine`'s, server/lib/transitions.ts), and the UI draws its buttons from the `actions` the server
 * computes with `allowedActions`. Pure: the web imports it too.
 *
 * `relation` says whose the item must be: `submitting_unit` — the caller belongs to the unit (or,
 * for a forwarded copy, the lower office) that submits it; `office` — the caller belongs to the
 * receiving office. `applies` limits a row to original items or to forwarded copies.
 */
export type ItemAction =
  | 'submit_for_signoff'
  | 'withdraw'
  | 'sign'
  | 'signer_return'
  | 'resubmit'
  | 'return'
  | 'reject'
  | 'accept'
  | 'forward'
  | 'record_adoption'
  | 'merge'
  | 'add_to_issue'
  | 'remove_from_issue'
  | 'publish';

export type Relation = 'submitting_unit' | 'office';

export type Transition = TransitionRow<ItemStatus, ItemAction> & {
  relation: Relation;
  applies?: 'original' | 'forwarded';
  /**
   * Only the issue commands (server/modules/issues) take this row, as part of changing an
   * issue: the item endpoints refuse it and the item's own buttons leave it out.
   */
  viaIssue?: boolean;
};

const OFFICE_STAFF: readonly Role[] = ['editor', 'chief_editor'];

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'submit_for_signoff',
    label: '提交签发',
    from: ['draft', 'returned'],
    to: 'pending_signoff',
    roles: ['reporter'],
    relation: 'submitting_unit',
    applies: 'original',
  },
  {
    action: 'withdraw',
    label: '撤回',
    from: ['pending_signoff'],
    to: 'draft',
    roles: ['reporter'],
    relation: 'submitting_unit',
    applies: 'original',
  },
  {
    action: 'sign',
    label: '签发报送',
    from: ['pending_signoff'],
    to: 'submitted',
    roles: ['unit_signer'],
    relation: 'submitting_unit',
    applies: 'original',
  },
  {
    action: 'signer_return',
    label: '退回修改',
    from: ['pending_signoff'],
    to: 'draft',
    roles: ['unit_signer'],
    relation: 'submitting_unit',
    reasonRequired: true,
    applies: 'original',
  },
  {
    action: 'resubmit',
    label: '重新报送',
    from: ['returned'],
    to: 'submitted',
    roles: OFFICE_STAFF,
    relation: 'submitting_unit',
    applies: 'forwarded',
  },
  {
    action: 'return',
    label: '退回',
    from: ['submitted', 'accepted'],
    to: 'returned',
    roles: OFFICE_STAFF,
    relation: 'office',
    reasonRequired: true,
  },
  {
    action: 'reject',
    label: '退稿',
    from: ['submitted', 'accepted', 'returned'],
    to: 'rejected',
    roles: OFFICE_STAFF,
    relation: 'office',
    reasonRequired: true,
  },
  {
    action: 'accept',
    label: '拟采用',
    from: ['submitted'],
    to: 'accepted',
    roles: OFFICE_STAFF,
    relation: 'office',
  },
  {
    action: 'forward',
    label: '转报',
    from: ['accepted', 'in_issue', 'published'],
    to: null,
    roles: OFFICE_STAFF,
    relation: 'office',
  },
  {
    action: 'record_adoption',
    label: '登记上级采用',
    from: ['accepted', 'in_issue', 'published'],
    to: null,
    roles: OFFICE_STAFF,
    relation: 'office',
  },
  {
    action: 'merge',
    label: '合报',
    from: ['submitted'],
    to: 'merged',
    roles: OFFICE_STAFF,
    relation: 'office',
  },
  {
    action: 'add_to_issue',
    label: '编入刊物',
    from: ['accepted'],
    to: 'in_issue',
    roles: OFFICE_STAFF,
    relation: 'office',
    viaIssue: true,
  },
  {
    action: 'remove_from_issue',
    label: '移出刊物',
    from: ['in_issue'],
    to: 'accepted',
    roles: OFFICE_STAFF,
    relation: 'office',
    viaIssue: true,
  },
  {
    action: 'publish',
    label: '刊发',
    from: ['in_issue'],
    to: 'published',
    roles: OFFICE_STAFF,
    relation: 'office',
    viaIssue: true,
  },
];

export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  pending_signoff: '待签发',
  submitted: '已报送',
  returned: '退回修改',
  rejected: '退稿',
  accepted: '拟采用',
  in_issue: '已编入刊物',
  published: '已发布',
  merged: '已合报',
};

/** Status colours, the same everywhere (docs/screens.md). */
export const STATUS_COLORS: Record<ItemStatus, string> = {
  draft: 'default',
  pending_signoff: 'gold',
  submitted: 'blue',
  returned: 'orange',
  rejected: 'red',
  accepted: 'cyan',
  in_issue: 'purple',
  published: 'green',
  merged: 'geekblue',
};

/**
 * Whether the receiving office may see an item in this status (审核签发制度, docs/domain.md §2): an
 * item reaches the office only through its unit's sign-off (签发报送), so the office sees it from
 * `submitted` on, and keeps seeing what it has itself decided (returned, rejected, …). A draft or an
 * item awaiting the unit's sign-off is the unit's own, even when it was submitted once before and
 * came back (退回 → the reporter edits, resubmits for sign-off, withdraws): the office scope
 * follows the current status, never "was once submitted". A Record, so a new status must decide.
 */
export const OFFICE_SEES_STATUS: Record<ItemStatus, boolean> = {
  draft: false,
  pending_signoff: false,
  submitted: true,
  returned: true,
  rejected: true,
  accepted: true,
  in_issue: true,
  published: true,
  merged: true,
};

/** The statuses of `OFFICE_SEES_STATUS` that admit the office, as a list for SQL. */
export const OFFICE_VISIBLE_STATUSES = (Object.keys(OFFICE_SEES_STATUS) as ItemStatus[]).filter(
  (s) => OFFICE_SEES_STATUS[s],
);

export const PRIORITY_LABELS = { normal: '普通', urgent: '紧急', for_reading: '送阅件' } as const;
export const SECRECY_LABELS = { public: '普通', secret: '秘密', confidential: '机密' } as const;

/** The facts about an item that decide what may be done with it. */
export type ItemFacts = {
  status: ItemStatus;
  officeId: string;
  submittingUnitId: string;
  forwardedFromId: string | null;
  forwardedToId: string | null;
  /** The status of the issue the item is in (in_issue / published), when the caller knows it. */
  issueStatus?: IssueStatus | null;
};

/** The facts about a caller. */
export type CallerFacts = { roles: readonly Role[]; unitIds: readonly string[] };

export type { Refusal };

/** Whether the caller stands in the relation to the item with one of the roles. */
function related(t: Transition, item: ItemFacts, caller: CallerFacts): boolean {
  const unitId = t.relation === 'office' ? item.officeId : item.submittingUnitId;
  return caller.unitIds.includes(unitId) && t.roles.some((r) => caller.roles.includes(r));
}

function appliesTo(t: Transition, item: ItemFacts): boolean {
  if (t.applies === 'original') return item.forwardedFromId === null;
  if (t.applies === 'forwarded') return item.forwardedFromId !== null;
  return true;
}

/** The refusals that depend on where the item went, once role and status allow the row. */
function guard(
  row: Transition,
  item: ItemFacts,
  _caller: CallerFacts,
  opts: { viaIssue?: boolean },
): Refusal | null {
  if (row.viaIssue && !opts.viaIssue) return { status: 409, message: `“${row.label}”须在刊物编辑中进行` };
  if (row.action === 'forward' && item.forwardedToId) {
    return { status: 409, message: '该信息已转报，同一信息只能转报一次' };
  }
  // Upper adoptions are registered on what the office sent upward.
  if (row.action === 'record_adoption' && !item.forwardedToId) {
    return { status: 409, message: '该信息尚未转报上级，不能登记上级采用' };
  }
  // Once forwarded, the upper office holds a copy of this text: the lower office may no longer undo it.
  if ((row.action === 'return' || row.action === 'reject') && item.forwardedToId) {
    return { status: 409, message: '该信息已转报上级，不能再退回或退稿' };
  }
  return null;
}

const itemMachine = defineMachine<
  ItemStatus,
  ItemAction,
  Transition,
  ItemFacts,
  CallerFacts,
  { viaIssue?: boolean }
>({
  rows: TRANSITIONS,
  statusLabels: STATUS_LABELS,
  subject: '此信息',
  stateSubject: '信息',
  statusOf: (item) => item.status,
  applies: appliesTo,
  permits: related,
  guard,
});

/**
 * Checks one action; returns the transition, or why not: 403 when the caller's role or unit
 * does not allow it, 409 when the item's state does not.
 */
export function checkTransition(
  action: ItemAction,
  item: ItemFacts,
  caller: CallerFacts,
  opts: { viaIssue?: boolean } = {},
): CheckResult<Transition> {
  return itemMachine.check(action, item, caller, opts);
}

/** Who may edit the text in which state. */
export function canEdit(item: ItemFacts, caller: CallerFacts): boolean {
  const inUnit = caller.unitIds.includes(item.submittingUnitId);
  const inOffice = caller.unitIds.includes(item.officeId);
  const has = (...roles: Role[]) => roles.some((r) => caller.roles.includes(r));
  if (item.forwardedFromId === null) {
    if ((item.status === 'draft' || item.status === 'returned') && inUnit && has('reporter')) return true;
    if (item.status === 'pending_signoff' && inUnit && has('unit_signer')) return true;
  } else if (item.status === 'returned' && inUnit && has('editor', 'chief_editor')) {
    return true;
  }
  if (!inOffice || !has('editor', 'chief_editor')) return false;
  // Inside an issue the text stays editable (and versioned) until the issue is locked (定版).
  if (item.status === 'in_issue') return item.issueStatus === 'draft';
  return item.status === 'submitted' || item.status === 'accepted';
}

/** Every action the caller may take now, plus 'edit'; the UI draws exactly these buttons. */
export function allowedActions(item: ItemFacts, caller: CallerFacts): (ItemAction | 'edit')[] {
  return [...(canEdit(item, caller) ? (['edit'] as const) : []), ...itemMachine.allowed(item, caller)];
}
