import type { IssueStatus, Role } from '../../db/schema/index.ts';
import { type CheckResult, defineMachine, type Refusal, type TransitionRow } from '../../lib/transitions.ts';

/**
 * The one transition table of a publication issue (期): 草稿 → 定版 → 签发 → 发布, and 解除定版
 * back to a draft. The server enforces it (commands call `checkIssueAction`; the checks are
 * `defineMachine`'s, server/lib/transitions.ts) and the UI draws its
 * buttons from the `actions` the server computes with `allowedIssueActions`. Pure: the web
 * imports it too.
 *
 * Every row requires the caller to work in the issue's office. `edit` (metadata, items, order,
 * 编者按) and `delete` keep the status; the checks that need the database (items present, the
 * latest number, the designated signer) live in the commands.
 */
export type IssueAction = 'edit' | 'delete' | 'lock' | 'unlock' | 'sign' | 'publish';

export type IssueTransition = TransitionRow<IssueStatus, IssueAction>;

const OFFICE_STAFF: readonly Role[] = ['editor', 'chief_editor'];

export const ISSUE_TRANSITIONS: readonly IssueTransition[] = [
  { action: 'edit', label: '编辑', from: ['draft'], to: null, roles: OFFICE_STAFF },
  { action: 'delete', label: '删除草稿', from: ['draft'], to: null, roles: OFFICE_STAFF },
  { action: 'lock', label: '定版', from: ['draft'], to: 'locked', roles: OFFICE_STAFF },
  {
    action: 'unlock',
    label: '解除定版',
    from: ['locked', 'signed'],
    to: 'draft',
    roles: ['chief_editor'],
    reasonRequired: true,
  },
  { action: 'sign', label: '签发', from: ['locked'], to: 'signed', roles: ['chief_editor', 'leader'] },
  { action: 'publish', label: '发布', from: ['signed'], to: 'published', roles: OFFICE_STAFF },
];

export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  draft: '编辑中',
  locked: '已定版',
  signed: '已签发',
  published: '已发布',
};

/** Status colours (antd Tag), the same everywhere. */
export const ISSUE_STATUS_COLORS: Record<IssueStatus, string> = {
  draft: 'default',
  locked: 'gold',
  signed: 'blue',
  published: 'green',
};

/** The facts about an issue that decide what may be done with it. */
export type IssueFacts = { status: IssueStatus; officeId: string; signerId: string | null };

/** The facts about a caller. */
export type IssueCallerFacts = { userId: string; roles: readonly Role[]; unitIds: readonly string[] };

export type IssueRefusal = Refusal;

const issueMachine = defineMachine<IssueStatus, IssueAction, IssueTransition, IssueFacts, IssueCallerFacts>({
  rows: ISSUE_TRANSITIONS,
  statusLabels: ISSUE_STATUS_LABELS,
  subject: '本期刊物',
  stateSubject: '本期刊物',
  statusOf: (issue) => issue.status,
  permits: (row, issue, caller) =>
    caller.unitIds.includes(issue.officeId) && row.roles.some((r) => caller.roles.includes(r)),
  // The issue names its 签发领导, or, naming none, any chief editor signs.
  authorise: (row, issue, caller) => {
    if (row.action !== 'sign') return null;
    const designated = issue.signerId !== null;
    const mine = designated ? issue.signerId === caller.userId : caller.roles.includes('chief_editor');
    return mine ? null : { status: 403, message: '本期刊物须由指定的签发领导签发' };
  },
  stateMessage: (row, issue) =>
    row.action === 'sign' && issue.status !== 'draft' ? '本期刊物已签发，不能重复签发' : null,
});

/**
 * Checks one action: 403 when the caller's role or office does not allow it (for `sign`: when
 * the issue names another 签发领导, or names none and the caller is not a chief editor), 409 when
 * the issue's state does not.
 */
export function checkIssueAction(
  action: IssueAction,
  issue: IssueFacts,
  caller: IssueCallerFacts,
): CheckResult<IssueTransition> {
  return issueMachine.check(action, issue, caller);
}

/** Every action the caller may take now; the UI draws exactly these buttons. */
export function allowedIssueActions(issue: IssueFacts, caller: IssueCallerFacts): IssueAction[] {
  return issueMachine.allowed(issue, caller);
}

/** A publication read by the public (互联网 outlets) may never carry 秘密/机密 items. */
export function isPublicOutlet(kind: string): boolean {
  return kind === '互联网';
}
