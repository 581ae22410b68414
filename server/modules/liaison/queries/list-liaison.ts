import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { liaisonFilings, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { todayInChina } from '../../orgs/index.ts';
import { type FilingRow, filingsWithLastChange, presentFiling } from '../present.ts';
import { FILING_STATUS_LABELS, type FilingView, type ListQuery } from '../schemas.ts';
import { type MemberUnit, memberUnitsOf, openYears, readerOf } from '../scope.ts';

/** The filings of a year for these units, by unit id (one query). */
export async function filingsFor(db: Db, unitIds: readonly string[], year: number) {
  if (unitIds.length === 0) return new Map<string, { row: FilingRow; view: FilingView }>();
  const rows = await filingsWithLastChange(db).where(
    and(inArray(liaisonFilings.unitId, [...unitIds]), eq(liaisonFilings.year, year)),
  );
  return new Map(rows.map((r) => [r.f.unitId, { row: r.f, view: presentFiling(r.f, r.lastChangedByName) }]));
}

const unitRef = (u: MemberUnit) => ({ id: u.id, name: u.name, shortName: u.shortName });

/**
 * 联络员备案 for a year. Office editors get each of their offices with every active member unit,
 * filed or not (the missing list, the counts, who changed each filing last and when); every
 * filer gets their own units' filing and what they may do with it.
 */
export async function listLiaison(db: Db, actor: Actor, q: ListQuery, now: Date) {
  const today = todayInChina(now);
  const year = q.year ?? Number(today.slice(0, 4));
  const reader = readerOf(actor);

  const officeRows = reader.staffOfficeIds.length
    ? await db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(inArray(orgs.id, reader.staffOfficeIds))
        .orderBy(orgs.sortOrder, orgs.name)
    : [];
  const members = await memberUnitsOf(db, reader.staffOfficeIds);

  const ownUnits = reader.filingUnitIds.length
    ? await db
        .select({
          id: orgs.id,
          name: orgs.name,
          shortName: orgs.shortName,
          kind: orgs.kind,
          parentId: orgs.parentId,
          active: orgs.active,
        })
        .from(orgs)
        .where(and(inArray(orgs.id, reader.filingUnitIds), eq(orgs.active, true)))
        .orderBy(orgs.sortOrder, orgs.name)
    : [];
  const parentIds = [...new Set(ownUnits.map((u) => u.parentId).filter((x): x is string => Boolean(x)))];
  const parents = new Map(
    (parentIds.length
      ? await db
          .select({ id: orgs.id, name: orgs.name })
          .from(orgs)
          .where(and(inArray(orgs.id, parentIds), eq(orgs.kind, 'office')))
      : []
    ).map((o) => [o.id, o]),
  );
  const filers = ownUnits.filter((u) => u.parentId && parents.has(u.parentId));

  const filings = await filingsFor(db, [...members.map((m) => m.id), ...filers.map((u) => u.id)], year);
  const open = openYears(today).includes(year);

  const offices = officeRows.map((office) => {
    const units = members
      .filter((m) => m.parentId === office.id)
      .map((m) => {
        const filing = filings.get(m.id)?.view ?? null;
        const status = filing ? ('filed' as const) : ('missing' as const);
        return { unit: unitRef(m), status, statusLabel: FILING_STATUS_LABELS[status], filing };
      });
    const filed = units.filter((u) => u.filing).length;
    return {
      office,
      total: units.length,
      filed,
      missing: units.length - filed,
      units: q.status ? units.filter((u) => u.status === q.status) : units,
      missingUnits: units.filter((u) => !u.filing).map((u) => u.unit),
    };
  });

  const own = filers.map((u) => {
    const filing = filings.get(u.id)?.view ?? null;
    return {
      unit: unitRef(u),
      office: parents.get(u.parentId as string) as { id: string; name: string },
      filing,
      actions: open ? [filing ? 'update' : 'file'] : [],
    };
  });
  return { year, offices, own };
}
