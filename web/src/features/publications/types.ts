import type { LabelStyle } from '../../../../server/modules/publications/numbering.ts';

/** Kinds of 信息刊物, in the order the server lists them (server/db/schema/orgs.ts). */
export const PUBLICATION_KINDS = [
  '普刊',
  '要情',
  '专报',
  '增刊',
  '送阅件',
  '参阅',
  '互联网',
  '其他',
] as const;

export type Numbering = 'yearly' | 'continuous';
export type LabelFormat = LabelStyle['labelFormat'];

export const NUMBERING_LABELS: Record<Numbering, string> = {
  yearly: '按年重新编号',
  continuous: '连续编号',
};
export const NUMBERING_SHORT: Record<Numbering, string> = { yearly: '按年', continuous: '连续' };
export const LABEL_FORMAT_LABELS: Record<LabelFormat, string> = {
  year_issue: '2026年第N期',
  bracket: '〔2026〕N期',
  plain: '第N期',
};

/** An entry of GET /api/publications. */
export type PublicationSummary = {
  id: string;
  officeId: string;
  officeName: string;
  name: string;
  kind: string;
  active: boolean;
};

export type PersonRef = { id: string; name: string } | null;

/** GET /api/publications/:id: one publication definition (刊物设置). */
export type Publication = {
  id: string;
  officeId: string;
  officeName: string;
  name: string;
  kind: string;
  numbering: Numbering;
  labelFormat: LabelFormat;
  showTotal: boolean;
  sampleLabel: string;
  distribution: { bao: string; song: string; fa: string };
  printCount: number;
  defaultEditor: PersonRef;
  defaultSigner: PersonRef;
  description: string | null;
  active: boolean;
  sortOrder: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

/** The editable fields, as POST and PATCH take them. */
export type PublicationFields = {
  name: string;
  kind: string;
  numbering: Numbering;
  labelFormat: LabelFormat;
  showTotal: boolean;
  distribution: { bao: string; song: string; fa: string };
  printCount: number;
  defaultEditorId: string | null;
  defaultSignerId: string | null;
  description: string | null;
};
