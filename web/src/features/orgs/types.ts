/** An organisation of the registry as GET /api/orgs returns it. */
export type OrgKind = 'office' | 'unit';
export type OfficeLevel = 'county' | 'city' | 'province' | 'national';
export type OrgAction = 'update' | 'move' | 'deactivate' | 'reactivate' | 'updateContacts';

export type Org = {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  level: OfficeLevel | null;
  sectionName: string | null;
  categoryCode: string | null;
  categoryLabel: string | null;
  groupCode: string | null;
  groupLabel: string | null;
  parentId: string | null;
  parentName: string | null;
  sortOrder: number;
  contactPerson: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  netAccessDate: string | null;
  netAccessMethod: string | null;
  netIpRange: string | null;
  netFilingNo: string | null;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
  successorId: string | null;
  successorName: string | null;
  deactivationReason: string | null;
  note: string | null;
  version: number;
  actions: OrgAction[];
};

export const KIND_LABELS: Record<OrgKind, string> = { office: '办公室', unit: '报送单位' };
export const LEVEL_LABELS: Record<OfficeLevel, string> = {
  county: '县级',
  city: '市级',
  province: '省级',
  national: '国家级',
};

/** The editable fields, as POST /api/orgs and PATCH /api/orgs/:id accept them. */
export type OrgInput = {
  code: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  level?: OfficeLevel | null;
  sectionName?: string | null;
  categoryCode?: string | null;
  groupCode?: string | null;
  parentId?: string | null;
  sortOrder?: number;
  contactPerson?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  address?: string | null;
  netAccessDate?: string | null;
  netAccessMethod?: string | null;
  netIpRange?: string | null;
  netFilingNo?: string | null;
  validFrom?: string | null;
  note?: string | null;
};

export type ImportResult = { created: number; updated: number; unchanged: number };
export type ImportRowError = { row: number; column: string | null; message: string };
