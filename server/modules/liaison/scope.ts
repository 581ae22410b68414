import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { orgs } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { staffOfficeIds } from '../circulation/index.ts';

/**
 * Who works with which filings. A member unit files its own: its 信息员 and 审核签发人, and for a
 * lower office (a member of the office above) its editors. The 信息科 of an office reads the
 * filings of all its member units but does not file for them. Administrators see nothing.
 */
export type LiaisonReader = {
  /** Units the caller files for. */
  filingUnitIds: string[];
  /** Offices whose member units' filings the caller reads. */
  staffOfficeIds: string[];
};

export function readerOf(actor: Actor): LiaisonReader {
  const unitRole = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  const staff = staffOfficeIds(actor);
  const filing = new Set([...(unitRole ? actor.units.map((u) => u.id) : []), ...staff]);
  return { filingUnitIds: [...filing], staffOfficeIds: staff };
}

export type MemberUnit = {
  id: string;
  name: string;
  shortName: string;
  kind: 'office' | 'unit';
  parentId: string | null;
  active: boolean;
};

const memberColumns = {
  id: orgs.id,
  name: orgs.name,
  shortName: orgs.shortName,
  kind: orgs.kind,
  parentId: orgs.parentId,
  active: orgs.active,
};

export const NO_UNIT = '单位不存在或您无权查看其联络员备案';

/**
 * A unit whose filings the caller may read (its own, or a member of an office the caller works
 * in); 404 for anything else, so nobody learns which units exist elsewhere.
 */
export async function findLiaisonUnit(tx: Db, actor: Actor, unitId: string): Promise<MemberUnit> {
  const reader = readerOf(actor);
  const [unit] = await tx.select(memberColumns).from(orgs).where(eq(orgs.id, unitId));
  if (!unit) throw notFound(NO_UNIT);
  const own = reader.filingUnitIds.includes(unit.id);
  const overseen = unit.parentId !== null && reader.staffOfficeIds.includes(unit.parentId);
  if (!own && !overseen) throw notFound(NO_UNIT);
  return unit;
}

/** The caller files for this unit (the office above only reads). */
export function assertFiles(actor: Actor, unit: MemberUnit): void {
  if (!readerOf(actor).filingUnitIds.includes(unit.id))
    throw forbidden('联络员备案由各单位自行填报，信息科只能查看和导出');
}

/** The office a unit files to, if it is one: its parent in the registry. */
export async function parentOffice(tx: Db, unit: Pick<MemberUnit, 'parentId'>) {
  if (!unit.parentId) return null;
  const [office] = await tx
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(eq(orgs.id, unit.parentId), eq(orgs.kind, 'office')));
  return office ?? null;
}

/** The active member units of offices (the units reporting to them and the lower offices). */
export function memberUnitsOf(tx: Db, officeIds: readonly string[]) {
  if (officeIds.length === 0) return Promise.resolve([] as MemberUnit[]);
  return tx
    .select(memberColumns)
    .from(orgs)
    .where(and(inArray(orgs.parentId, [...officeIds]), eq(orgs.active, true)))
    .orderBy(asc(orgs.sortOrder), asc(orgs.name));
}

/**
 * The years a filing may be made or changed in: this year, and next year (units file in
 * December for January). Earlier years are the record of who was in charge then.
 */
export function openYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1];
}
