import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { liaisonFilingRevisions, liaisonFilings } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { changesBetween, dataOf, type FilingData } from '../fields.ts';
import { findLiaisonUnit } from '../scope.ts';

/**
 * Who changed what when: every version of a unit's filing for a year, newest first, each with
 * its snapshot and the fields it changed against the version before (Chinese labels). The unit
 * itself and the 信息科 of its office may read it; an empty list when nothing was filed.
 */
export async function listRevisions(db: Db, actor: Actor, unitId: string, year: number) {
  const unit = await findLiaisonUnit(db, actor, unitId);
  const rows = await db
    .select({ r: liaisonFilingRevisions })
    .from(liaisonFilingRevisions)
    .innerJoin(liaisonFilings, eq(liaisonFilings.id, liaisonFilingRevisions.filingId))
    .where(and(eq(liaisonFilings.unitId, unit.id), eq(liaisonFilings.year, year)))
    .orderBy(asc(liaisonFilingRevisions.version));
  let before: FilingData | null = null;
  const revisions = rows.map(({ r }) => {
    const data = dataOf(r.data);
    const changes = changesBetween(before, data);
    before = data;
    return {
      version: r.version,
      changedByName: r.changedByName,
      changedAt: r.changedAt,
      data,
      changes,
    };
  });
  return {
    unit: { id: unit.id, name: unit.name, shortName: unit.shortName },
    year,
    revisions: revisions.reverse(),
  };
}
