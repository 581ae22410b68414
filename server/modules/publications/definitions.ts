import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { orgs, publications, type Role, userRoles, users, userUnits } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isUniqueViolation, STALE_RECORD, updateVersioned } from '../../lib/records.ts';
import { ancestorOfficeIds } from './offices.ts';

export type PublicationRow = typeof publications.$inferSelect;

export const PUBLICATION_NOT_FOUND = '刊物不存在或您无权查看';
export const STALE_VERSION = STALE_RECORD;
export const DUPLICATE_NAME = '本办公室已有同名刊物';

/** Who may read publication definitions at all; the office check comes per record. */
export const PUBLICATION_READER_ROLES: Role[] = ['editor', 'chief_editor', 'leader', 'sysadmin'];
/** Who may create and change them: the owning office's chief editor, or a system administrator. */
export const PUBLICATION_ADMIN_ROLES: Role[] = ['chief_editor', 'sysadmin'];

/** The offices the caller works in (an account may belong to several). */
export function actorOfficeIds(actor: Actor): string[] {
  return actor.units.filter((u) => u.kind === 'office').map((u) => u.id);
}

/** A chief editor manages their own office's publications; a system administrator any office's. */
export function canManage(actor: Actor, officeId: string): boolean {
  if (actor.roles.includes('sysadmin')) return true;
  return actor.roles.includes('chief_editor') && actorOfficeIds(actor).includes(officeId);
}

/** Refuses a write by anyone but the owning office's chief editor or a system administrator. */
export function assertCanManage(actor: Actor, officeId: string): void {
  if (!canManage(actor, officeId)) throw forbidden('只能由本办公室的主编/签发领导或系统管理员设置刊物');
}

/**
 * Staff read their own office's publications and those of the offices above (where their
 * items may be adopted); a lower office's definitions are not theirs to see.
 */
export async function canRead(db: Db, actor: Actor, officeId: string): Promise<boolean> {
  if (canManage(actor, officeId)) return true;
  for (const own of actorOfficeIds(actor)) {
    if (own === officeId || (await ancestorOfficeIds(db, own)).includes(officeId)) return true;
  }
  return false;
}

/** Loads a publication, locking it for a write; 404 when it does not exist. */
export async function findPublication(tx: Db, id: string, forUpdate = false): Promise<PublicationRow> {
  const query = tx.select().from(publications).where(eq(publications.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound(PUBLICATION_NOT_FOUND);
  return row;
}

/** The owning office must be an active office of the registry. */
export async function assertOffice(tx: Db, officeId: string): Promise<void> {
  const [office] = await tx
    .select({ kind: orgs.kind, active: orgs.active })
    .from(orgs)
    .where(eq(orgs.id, officeId));
  if (office?.kind !== 'office') throw badRequest('所属办公室不存在');
  if (!office.active) throw badRequest('所属办公室已停用');
}

/** Name unique per office: a clear 409 before the unique index would refuse it. */
export async function assertNameFree(
  tx: Db,
  officeId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const [row] = await tx
    .select({ id: publications.id })
    .from(publications)
    .where(and(eq(publications.officeId, officeId), eq(publications.name, name)));
  if (row && row.id !== exceptId) throw conflict(DUPLICATE_NAME);
}

/**
 * The default 责任编辑 must be an active editor of the owning office and the default 签发人 an
 * active chief editor or leader of it (an issue's 签发领导 may be either), so new issues start with
 * people who may actually do the work.
 */
export async function assertDefaultPeople(
  tx: Db,
  officeId: string,
  people: { defaultEditorId?: string | null; defaultSignerId?: string | null },
): Promise<void> {
  if (people.defaultEditorId && !(await isStaff(tx, officeId, people.defaultEditorId, ['editor']))) {
    throw badRequest('默认责任编辑须为本办公室在用的编辑');
  }
  const signerRoles: Role[] = ['chief_editor', 'leader'];
  if (people.defaultSignerId && !(await isStaff(tx, officeId, people.defaultSignerId, signerRoles))) {
    throw badRequest('默认签发人须为本办公室在用的主编/签发领导或领导');
  }
}

async function isStaff(tx: Db, officeId: string, userId: string, roles: Role[]): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userUnits, and(eq(userUnits.userId, users.id), eq(userUnits.orgId, officeId)))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, roles)))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  return Boolean(row);
}

/** Optimistic lock: the update applies only to the version the client saw. */
export function updatePublicationVersioned(
  tx: Db,
  id: string,
  version: number,
  changes: Partial<typeof publications.$inferInsert>,
): Promise<PublicationRow> {
  return updateVersioned(tx, publications, id, version, changes);
}

/** The fields an audit diff compares (timestamps and the version are noise). */
export function auditRecord(row: PublicationRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = row;
  return rest;
}

/** Turns a unique-key race (two creates of one name) into a 409. */
export async function uniqueOrConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(DUPLICATE_NAME);
    throw error;
  }
}
