import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { readableOffices, readerOf } from '../access.ts';

/** The offices whose assessment the caller reads, own office first, with the caller's relation and own units. */
export async function assessmentOffices(db: Db, actor: Actor) {
  const reader = readerOf(actor);
  const ids = readableOffices(reader);
  if (!ids.length) return [];
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
  const name = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => ({
    id,
    name: name.get(id) ?? '',
    relation: reader.staff.includes(id)
      ? ('staff' as const)
      : reader.leader.includes(id)
        ? ('leader' as const)
        : ('member' as const),
    ownUnitIds: reader.member.get(id) ?? [],
  }));
}
