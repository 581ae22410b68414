import type { IssueFileKind, IssueStatus } from '../../../../server/db/schema/issues.ts';
import type { IssueAction as WorkflowAction } from '../../../../server/modules/issues/issue-workflow.ts';
import type { ItemStatus, SecrecyLevel } from '../items/types.ts';

export type { IssueFileKind, IssueStatus };

/** What the caller may do to an issue: the workflow's actions plus circulate and generate. */
export type IssueAction = WorkflowAction | 'circulate' | 'generate';

/** One row of GET /api/issues. */
export type IssueSummary = {
  id: string;
  publicationId: string;
  publicationName: string;
  officeId: string;
  officeName: string;
  year: number;
  number: number;
  totalNumber: number;
  label: string;
  title: string | null;
  status: IssueStatus;
  statusLabel: string;
  issueDate: string | null;
  itemCount: number;
  firstItemTitles: string[];
  signerName: string | null;
  responsibleEditorName: string | null;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  version: number;
  actions: IssueAction[];
};

export type PortalStatus = 'queued' | 'withdrawn' | 'posted';

export type IssueItem = {
  itemId: string;
  position: number;
  serial: number;
  title: string;
  body: string;
  unitName: string;
  secrecy: SecrecyLevel;
  status: ItemStatus;
  itemVersion: number;
  currentVersion: number;
  forPortal: boolean;
  portalStatus: PortalStatus | null;
};

export type IssueFile = {
  id: string;
  kind: IssueFileKind;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  issueStatus: IssueStatus;
  final: boolean;
  checkProblems: string[] | null;
  converter: string | null;
  generatedByName: string;
  generatedAt: string;
  downloadUrl: string;
};

export type CirculationEntry = {
  id: string;
  recipientId: string;
  recipientName: string;
  sentByName: string;
  sentAt: string;
  readAt: string | null;
  note: string | null;
};

export type Distribution = { bao: string; song: string; fa: string };

/** GET /api/issues/:id. */
export type IssueDetail = IssueSummary & {
  editorNote: string | null;
  distribution: Distribution;
  printCount: number;
  responsibleEditorId: string | null;
  signerId: string | null;
  signedByName: string | null;
  signedAt: string | null;
  lockedAt: string | null;
  secrecy: SecrecyLevel;
  publicationKind: string;
  items: IssueItem[];
  files: IssueFile[];
  circulation: CirculationEntry[];
};

export type IssuePage = { items: IssueSummary[]; total: number; page: number; pageSize: number };

export type IssueFilters = {
  publicationId?: string;
  year?: string;
  status?: IssueStatus;
  q?: string;
};

/** One entry of GET /api/issues/:id/candidates: an accepted item waiting in the adoption queue. */
export type Candidate = {
  itemId: string;
  serial: number;
  title: string;
  unitName: string;
  categoryLabel: string;
  secrecy: SecrecyLevel;
  priority: string;
  acceptedAt: string | null;
  targetPublicationId: string | null;
  targetPublicationName: string | null;
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

export type Transition = 'lock' | 'unlock' | 'sign' | 'publish';

/** GET /api/offices/:id/staff. */
export type StaffMember = { id: string; displayName: string; roles: string[] };
