import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { liaisonFilingRevisions, liaisonFilings } from '../../db/schema/index.ts';
import type { FilingView } from './schemas.ts';

export type FilingRow = typeof liaisonFilings.$inferSelect;

export const filingLabel = (unitName: string, year: number) => `${unitName} ${year}年度联络员备案`;
export const liaisonLink = (year: number) => `/liaison?year=${year}`;

export function presentFiling(row: FilingRow, lastChangedByName: string | null): FilingView {
  return {
    id: row.id,
    unitId: row.unitId,
    year: row.year,
    leaderName: row.leaderName,
    leaderTitle: row.leaderTitle,
    leaderPhone: row.leaderPhone,
    reporterName: row.reporterName,
    reporterTitle: row.reporterTitle,
    reporterPhone: row.reporterPhone,
    reporterMobile: row.reporterMobile,
    reporterEmail: row.reporterEmail,
    filedByName: row.filedByName,
    filedAt: row.filedAt,
    updatedAt: row.updatedAt,
    lastChangedByName: lastChangedByName ?? row.filedByName,
    version: row.version,
  };
}

/**
 * Filings with the name of whoever saved their current version: one join on the revision of the
 * same version (no per-row lookups).
 */
export function filingsWithLastChange(tx: Db) {
  return tx
    .select({ f: liaisonFilings, lastChangedByName: liaisonFilingRevisions.changedByName })
    .from(liaisonFilings)
    .leftJoin(
      liaisonFilingRevisions,
      and(
        eq(liaisonFilingRevisions.filingId, liaisonFilings.id),
        eq(liaisonFilingRevisions.version, liaisonFilings.version),
      ),
    );
}
