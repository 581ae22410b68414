import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { assertVersion } from '../../../lib/records.ts';
import { checklistOf, mergeChecklist, progressOf, tickChanges } from '../checklist.ts';
import { meetingLabel } from '../present.ts';
import type { ChecklistBody } from '../schemas.ts';
import { assertStaff, findMeeting } from '../scope.ts';
import { bump } from './shared.ts';

/**
 * 会前调试 / 会中保障 / 会后维护: the office ticks the support checklist (and may add, rename or drop
 * items). Each newly ticked item records who and when; the audit log names the items that changed.
 */
export function updateChecklist(
  db: Db,
  actor: Actor,
  id: string,
  input: ChecklistBody,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findMeeting(tx, actor, id, true);
    assertStaff(actor, row);
    assertVersion(row, input.version);
    const before = checklistOf(row.checklist);
    const after = mergeChecklist(before, input.checklist, actor.displayName, clock.now());
    const updated = await bump(tx, row, { checklist: after }, clock);
    const { done, total } = progressOf(after);
    await recordAudit(tx, audit, {
      action: 'meeting.checklist_changed',
      targetType: 'meeting',
      targetId: row.id,
      targetLabel: meetingLabel(row),
      diff: { ...tickChanges(before, after), 完成情况: `${done}/${total}` },
    });
    return updated;
  });
}
