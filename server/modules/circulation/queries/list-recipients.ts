import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest } from '../../../lib/errors.ts';
import { activeLeaders, assertOfficeStaff, type LeaderRef, staffOfficeIds } from '../office-staff.ts';

/** The leaders a caller may circulate to: those of their office (the first one when not named). */
export function listRecipients(db: Db, actor: Actor, officeId: string | undefined): Promise<LeaderRef[]> {
  const office = officeId ?? staffOfficeIds(actor)[0];
  if (!office) throw badRequest('请指定办公室');
  assertOfficeStaff(actor, office, '只能查看本办公室的领导');
  return activeLeaders(db, office);
}
