import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs, publications } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { forbidden } from '../../../lib/errors.ts';
import { ancestorOfficeIds } from '../offices.ts';
import type { PublicationsQuery, PublicationView } from '../schemas.ts';

/**
 * The active publications an editor picks from: `own` — their office's (拟采用 targets);
 * `upper` — the offices above it, nearest first (上级采用 targets); with `includeInactive`, the
 * stopped ones too (刊物设置). Publication names are not secret, but the office asked about must
 * be one of the caller's, except for the system administrator, who sets up every office.
 */
export async function listPublications(
  db: Db,
  actor: Actor,
  query: PublicationsQuery,
): Promise<PublicationView[]> {
  const officeId = query.officeId ?? defaultOffice(actor);
  if (!officeId) return [];
  const isSysadmin = actor.roles.includes('sysadmin');
  if (!isSysadmin && !actor.units.some((u) => u.id === officeId && u.kind === 'office')) {
    throw forbidden('只能查看本办公室及其上级办公室的刊物');
  }
  const officeIds = query.scope === 'own' ? [officeId] : await ancestorOfficeIds(db, officeId);
  if (!officeIds.length) return [];
  const rows = await db
    .select({
      id: publications.id,
      officeId: publications.officeId,
      officeName: orgs.name,
      name: publications.name,
      kind: publications.kind,
      active: publications.active,
      sortOrder: publications.sortOrder,
    })
    .from(publications)
    .innerJoin(orgs, eq(orgs.id, publications.officeId))
    .where(
      and(
        inArray(publications.officeId, officeIds),
        query.includeInactive ? undefined : eq(publications.active, true),
      ),
    )
    .orderBy(asc(publications.sortOrder), asc(publications.name));
  const rank = (id: string) => officeIds.indexOf(id);
  return rows.sort((a, b) => rank(a.officeId) - rank(b.officeId)).map(({ sortOrder: _, ...p }) => p);
}

/** The caller's office: their primary unit when it is an office, else the first office they belong to. */
function defaultOffice(actor: Actor): string | null {
  if (actor.primaryUnit?.kind === 'office') return actor.primaryUnit.id;
  return actor.units.find((u) => u.kind === 'office')?.id ?? null;
}
