import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type CirculationSubject, listCirculation } from '../list-circulation.ts';
import { assertOfficeStaff } from '../office-staff.ts';
import type { CirculationEntry } from '../schemas.ts';
import { loadSubject } from '../subject.ts';

/** 传阅情况: who has an issue or item of the caller's office and when each read it. */
export async function getSubjectCirculation(
  db: Db,
  actor: Actor,
  subject: CirculationSubject,
): Promise<CirculationEntry[]> {
  const loaded = await loadSubject(db, actor, subject);
  assertOfficeStaff(actor, loaded.officeId, '只能查看本办公室刊物和信息的传阅情况');
  return listCirculation(db, subject);
}
