import type { IssueFileKind, IssueStatus } from '../../../../server/db/schema/issues.ts';
import type {
  Candidates,
  IssueAbility,
  IssueDetail,
  IssuePage,
  IssueSummary,
  IssueTransitionAction,
  StaffList,
} from '../../../../server/modules/issues/schemas.ts';

/**
 * The issue endpoints' shapes, taken from the server's response schemas (type-only: nothing of
 * zod reaches the bundle), so the screens and the API cannot drift apart.
 */
export type { IssueDetail, IssueFileKind, IssuePage, IssueStatus, IssueSummary };

/** What the caller may do to an issue: the workflow's actions plus circulate and generate. */
export type IssueAction = IssueAbility;
export type IssueItem = IssueDetail['items'][number];
export type IssueFile = IssueDetail['files'][number];
export type CirculationEntry = IssueDetail['circulation'][number];
export type PortalStatus = NonNullable<IssueItem['portalStatus']>;
export type Distribution = IssueDetail['distribution'];
export type Candidate = Candidates['items'][number];
export type StaffMember = StaffList[number];
export type Transition = IssueTransitionAction;

export type IssueFilters = {
  publicationId?: string;
  year?: string;
  status?: IssueStatus;
  q?: string;
};

/** The fields PATCH /api/issues/:id takes besides the version. */
export type IssueFields = {
  title?: string | null;
  editorNote?: string | null;
  distribution?: Distribution;
  printCount?: number;
  responsibleEditorId?: string | null;
  signerId?: string | null;
};
