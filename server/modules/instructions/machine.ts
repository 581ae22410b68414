import {
  type AssignmentStatus,
  INSTRUCTION_LEVEL_LABELS,
  type InstructionLevel,
  type InstructionSource,
  type InstructionStatus,
  type Role,
} from '../../db/schema/index.ts';
import { defineMachine, type TransitionRow } from '../../lib/transitions.ts';

export const LEVEL_LABELS: Record<InstructionLevel, string> = INSTRUCTION_LEVEL_LABELS;
export const SOURCE_LABELS: Record<InstructionSource, string> = {
  online: '领导在线批示',
  paper: '纸质批示登记',
  upper: '上级批示登记',
};
export const INSTRUCTION_STATUS_LABELS: Record<InstructionStatus, string> = {
  recorded: '待交办',
  assigned: '办理中',
  closed: '已办结',
};
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  awaiting_feedback: '待反馈',
  feedback_submitted: '已反馈待审核',
  more_requested: '需补充反馈',
  completed: '已办结',
};

/**
 * 落实反馈 of one handling unit (docs/domain.md, 情况反馈制度): the unit reports (several rounds if
 * asked), the office accepts it (办结) or asks for more with a reason. One table, run by
 * `defineMachine` like the item and issue workflows.
 */
export type AssignmentAction = 'submit_feedback' | 'accept_feedback' | 'request_more';
export type AssignmentTransition = TransitionRow<AssignmentStatus, AssignmentAction>;

const UNIT: readonly Role[] = ['reporter', 'unit_signer', 'editor', 'chief_editor'];
const OFFICE: readonly Role[] = ['editor', 'chief_editor'];

export const ASSIGNMENT_TRANSITIONS: readonly AssignmentTransition[] = [
  {
    action: 'submit_feedback',
    label: '报送落实反馈',
    from: ['awaiting_feedback', 'more_requested'],
    to: 'feedback_submitted',
    roles: UNIT,
  },
  {
    action: 'accept_feedback',
    label: '反馈办结',
    from: ['feedback_submitted'],
    to: 'completed',
    roles: OFFICE,
  },
  {
    action: 'request_more',
    label: '要求补充反馈',
    from: ['feedback_submitted'],
    to: 'more_requested',
    roles: OFFICE,
    reasonRequired: true,
  },
];

/** What the machine knows of one assignment and its caller. */
export type AssignmentFacts = { status: AssignmentStatus; unitId: string; officeId: string };
export type AssignmentCaller = {
  roles: readonly Role[];
  unitIds: readonly string[];
  staffOfficeIds: readonly string[];
};

export const assignmentMachine = defineMachine<
  AssignmentStatus,
  AssignmentAction,
  AssignmentTransition,
  AssignmentFacts,
  AssignmentCaller
>({
  rows: ASSIGNMENT_TRANSITIONS,
  statusLabels: ASSIGNMENT_STATUS_LABELS,
  subject: '该批示交办事项',
  stateSubject: '该交办事项',
  statusOf: (f) => f.status,
  permits: (row, f, c) => {
    if (!row.roles.some((r) => c.roles.includes(r))) return false;
    return row.roles === UNIT ? c.unitIds.includes(f.unitId) : c.staffOfficeIds.includes(f.officeId);
  },
});
