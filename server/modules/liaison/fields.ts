import type { liaisonFilings } from '../../db/schema/index.ts';

/**
 * The fields of a liaison filing (信息联络员备案), in the order the form and the 通讯录 show them,
 * with the Chinese labels the revision history names them by.
 */
export const FILING_FIELDS = [
  'leaderName',
  'leaderTitle',
  'leaderPhone',
  'reporterName',
  'reporterTitle',
  'reporterPhone',
  'reporterMobile',
  'reporterEmail',
] as const;
export type FilingField = (typeof FILING_FIELDS)[number];

export const FILING_FIELD_LABELS: Record<FilingField, string> = {
  leaderName: '分管领导',
  leaderTitle: '分管领导职务',
  leaderPhone: '分管领导电话',
  reporterName: '信息员',
  reporterTitle: '信息员职务',
  reporterPhone: '信息员办公电话',
  reporterMobile: '信息员手机',
  reporterEmail: '信息员邮箱',
};

/** What one version of a filing says: the snapshot kept in `liaison_filing_revisions.data`. */
export type FilingData = Record<FilingField, string | null>;

export function snapshotOf(row: Pick<typeof liaisonFilings.$inferSelect, FilingField>): FilingData {
  const out = {} as FilingData;
  for (const f of FILING_FIELDS) out[f] = row[f] ?? null;
  return out;
}

/** A stored snapshot read back (fields missing from an old row are null). */
export function dataOf(json: unknown): FilingData {
  const src = (json ?? {}) as Record<string, unknown>;
  const out = {} as FilingData;
  for (const f of FILING_FIELDS) out[f] = typeof src[f] === 'string' ? (src[f] as string) : null;
  return out;
}

export type FieldChange = { field: FilingField; label: string; before: string | null; after: string | null };

/** Field by field, what changed from one version to the next (from nothing for the first). */
export function changesBetween(before: FilingData | null, after: FilingData): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of FILING_FIELDS) {
    const was = before ? before[f] : null;
    if ((was ?? '') === (after[f] ?? '')) continue;
    changes.push({ field: f, label: FILING_FIELD_LABELS[f], before: was, after: after[f] });
  }
  return changes;
}
