import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { liaisonFilings, orgs, userRoles, users, userUnits } from '../../../db/schema/index.ts';
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

/** The names of the active 信息员 accounts of these units, by unit (one query). */
async function reportersOf(db: Db, unitIds: readonly string[]) {
  const out = new Map<string, Set<string>>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .select({ unitId: userUnits.orgId, name: users.displayName })
    .from(userUnits)
    .innerJoin(users, eq(users.id, userUnits.userId))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'reporter')))
    .where(and(inArray(userUnits.orgId, [...unitIds]), eq(users.active, true)));
  for (const r of rows) out.set(r.unitId, (out.get(r.unitId) ?? new Set()).add(r.name));
  return out;
}

/**
 * A filing is out of date when the 信息员 it names no longer has an active 信息员 account in the
 * unit (someone left or took over and the filing was not changed); units without any such account
 * are not judged.
 */
function outdatedReason(filing: FilingView | null, reporters: Set<string> | undefined): string | null {
  if (!filing || !reporters || reporters.size === 0 || reporters.has(filing.reporterName)) return null;
  return `备案的信息员${filing.reporterName}已不是本单位在岗信息员（现为${[...reporters].join('、')}），请单位变更备案`;
}

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
  const reporters = await reportersOf(
    db,
    members.map((m) => m.id),
  );

  const offices = officeRows.map((office) => {
    const units = members
      .filter((m) => m.parentId === office.id)
      .map((m) => {
        const filing = filings.get(m.id)?.view ?? null;
        const status = filing ? ('filed' as const) : ('missing' as const);
        const outdated = outdatedReason(filing, reporters.get(m.id));
        return { unit: unitRef(m), status, statusLabel: FILING_STATUS_LABELS[status], filing, outdated };
      });
    const filed = units.filter((u) => u.filing).length;
    return {
      office,
      total: units.length,
      filed,
      missing: units.length - filed,
      outdated: units.filter((u) => u.outdated).length,
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
