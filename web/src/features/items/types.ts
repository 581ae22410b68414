import type { IssueStatus, PortalQueueStatus } from '../../../../server/db/schema/issues.ts';
import type { ItemPriority, ItemStatus, SecrecyLevel } from '../../../../server/db/schema/items.ts';
import type { ItemAction } from '../../../../server/modules/items/workflow.ts';
import type { InstructionMarker } from '../instructions/api.ts';

export type { ItemAction, ItemPriority, ItemStatus, SecrecyLevel };

/** What the caller may do to an item: the workflow actions plus 'edit'. */
export type ItemAbility = ItemAction | 'edit';

export type Ref = { id: string; name: string };

export type ItemAttachment = {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
};

export type ItemVersionInfo = { versionNo: number; editorName: string; reason: string; createdAt: string };

export type TimelineEvent = {
  at: string;
  actorName: string;
  actorUnitName: string | null;
  action: string;
  actionLabel: string;
  fromStatus: ItemStatus | null;
  toStatus: ItemStatus | null;
  reason: string | null;
  /** Set on events of the forwarded copies (the upward chain), naming the office that holds them. */
  officeName?: string | null;
};

export type Adoption = {
  id: string;
  publicationName: string;
  adoptionKind: string;
  adoptedOn: string;
  issueLabel: string | null;
  recordedByName: string;
  recordedAt: string;
};

/** An upper adoption as a list row carries it. */
export type SummaryAdoption = Pick<
  Adoption,
  'id' | 'publicationName' | 'adoptionKind' | 'adoptedOn' | 'issueLabel'
> & {
  publicationId: string;
};

/** GET /api/items/:id. */
export type ItemDetail = {
  id: string;
  serial: number;
  title: string;
  body: string;
  categoryCode: string;
  categoryLabel: string;
  priority: ItemPriority;
  secrecy: SecrecyLevel;
  keywords: string[];
  status: ItemStatus;
  statusLabel: string;
  office: Ref;
  submittingUnit: Ref;
  originUnit: Ref;
  author: { id: string | null; name: string; phone: string | null };
  /** The origin unit's sign-off; null while the item waits for it (again). */
  signer: { name: string; signedAt: string | null } | null;
  /** On an upper office's copy: the lower office's editor who forwarded it (转报人). */
  forwardedBy: { name: string; unitName: string | null; at: string } | null;
  eventAt: string | null;
  submittedAt: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  targetPublication: Ref | null;
  forwardedFrom: { id: string; officeName: string; status: ItemStatus } | null;
  forwardedTo: { id: string; officeName: string; status: ItemStatus } | null;
  followUpOf: { id: string; title: string } | null;
  /** The 约稿 the item answers. */
  commission: { id: string; topic: string; numberLabel: string | null } | null;
  /** The 报送要点 it is tagged to. */
  topic: { id: string; title: string; periodLabel: string } | null;
  followUps: { id: string; title: string; status: ItemStatus }[];
  mergedInto: { id: string; title: string } | null;
  credits: { unitId: string; unitName: string; share: number }[];
  adoptions: Adoption[];
  attachments: ItemAttachment[];
  versions: ItemVersionInfo[];
  currentVersion: number;
  /** The version the office received in the latest hand-over (单位报送稿); null before any. */
  submittedVersion: number | null;
  timeline: TimelineEvent[];
  /** The issue (期) the item is in, once an editor put it into one. */
  issue: { id: string; label: string; publicationName: string; status: IssueStatus } | null;
  /** Its entry in the portal queue (网站推送), if it was ever queued. */
  portal: { status: PortalQueueStatus; statusLabel: string } | null;
  /** 领导批示 on the item or on a copy of it up the chain. */
  instructions: InstructionMarker[];
  version: number;
  actions: ItemAbility[];
};

/** One row of GET /api/items. */
export type ItemSummary = {
  id: string;
  serial: number;
  title: string;
  status: ItemStatus;
  statusLabel: string;
  priority: ItemPriority;
  secrecy: SecrecyLevel;
  categoryLabel: string;
  submittingUnit: { id: string; name: string; groupCode: string | null };
  originUnit: Ref;
  authorName: string;
  submittedAt: string | null;
  updatedAt: string;
  deadlineAt: string | null;
  overdue: boolean;
  forwardedTo: { status: ItemStatus; officeName: string } | null;
  adoptionCount: number;
  /** The upper adoptions recorded on this item, oldest first. */
  adoptions: SummaryAdoption[];
  /** 领导批示 on the item or its copies (the 批 mark). */
  instructionCount: number;
  version: number;
  actions: ItemAbility[];
};

export type ItemBox = 'mine' | 'signoff' | 'inbox' | 'forwarded';

export type ItemListFilters = {
  status?: ItemStatus;
  categoryCode?: string;
  priority?: ItemPriority;
  from?: string;
  to?: string;
  q?: string;
  unitId?: string;
  groupCode?: string;
  sort?: 'submittedAt' | 'createdAt' | 'updatedAt' | 'deadline';
  order?: 'asc' | 'desc';
};

export type ItemPage = {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Partial<Record<ItemStatus, number>>;
};

/** What the compose form sends on POST /api/items and PATCH /api/items/:id. */
export type ItemInput = {
  title: string;
  body: string;
  categoryCode: string;
  priority: ItemPriority;
  secrecy: SecrecyLevel;
  keywords: string[];
  authorPhone: string;
  eventAt?: string | null;
  followUpOfId?: string | null;
  commissionId?: string | null;
  topicId?: string | null;
};

export type Finding = {
  rule: string;
  severity: 'fatal' | 'warning';
  message: string;
  paragraph?: number;
  excerpt?: string;
  relatedItem?: { id: string; title: string; unitName: string; similarity: number };
};

export type DiffSegment = { type: 'equal' | 'insert' | 'delete'; text: string };
export type ItemDiff = { from: number; to: number; title: DiffSegment[]; body: DiffSegment[] };

/** GET /api/items/forwarded-summary: the 转报与采用 statistics under the list's filters. */
export type ForwardedSummary = {
  forwarded: number;
  /** Items with at least one upper adoption. */
  adopted: number;
  adoptions: number;
  byPublication: {
    publicationId: string;
    publicationName: string;
    officeName: string;
    count: number;
  }[];
  /** The office that ranks the caller's office: its 考评排名 scores these adoptions. */
  rankingOfficeId: string | null;
};

export type Publication = {
  id: string;
  officeId: string;
  officeName: string;
  name: string;
  kind: string;
};

export type CategoryEntry = { id: string; code: string; label: string; sortOrder: number; active: boolean };
