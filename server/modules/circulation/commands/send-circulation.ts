import type { Db } from '../../../db/client.ts';
import { circulations, type ItemStatus } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { recordItemEvent } from '../../items/index.ts';
import { activeLeaders, assertOfficeStaff } from '../office-staff.ts';
import type { SendCirculationInput, SendCirculationResult } from '../schemas.ts';
import { loadSubject } from '../subject.ts';

/** An item may be circulated once its office has taken it (拟采用 or later). */
const CIRCULABLE_ITEM: readonly ItemStatus[] = ['accepted', 'in_issue', 'published'];

export const NOT_OFFICE_LEADERS = '传阅对象必须是本办公室的领导';

/**
 * 传阅: office staff send a published issue, or an item their office has taken, to leaders of the
 * office. Someone who already has it is skipped (the unique index decides, also under races), so
 * sending again to a longer list only adds the new names. Audited, and on the item's timeline.
 */
export function sendCirculation(
  db: Db,
  actor: Actor,
  input: SendCirculationInput,
  audit: AuditContext,
): Promise<SendCirculationResult> {
  return db.transaction(async (tx) => {
    const subject = await loadSubject(tx, actor, input, true);
    assertOfficeStaff(actor, subject.officeId, '只能传阅本办公室的刊物和信息');
    if (subject.kind === 'issue' && subject.status !== 'published') {
      throw conflict('只有已发布的刊物才能传阅');
    }
    if (subject.kind === 'item' && !CIRCULABLE_ITEM.includes(subject.status as ItemStatus)) {
      throw conflict('只有已采用的信息才能传阅');
    }
    const leaders = await activeLeaders(tx, subject.officeId, input.recipientIds);
    if (leaders.length !== input.recipientIds.length) throw badRequest(NOT_OFFICE_LEADERS);

    const created = await tx
      .insert(circulations)
      .values(
        leaders.map((l) => ({
          issueId: subject.kind === 'issue' ? subject.id : null,
          itemId: subject.kind === 'item' ? subject.id : null,
          officeId: subject.officeId,
          recipientId: l.id,
          recipientName: l.displayName,
          note: input.note,
          sentById: actor.userId,
          sentByName: actor.displayName,
        })),
      )
      .onConflictDoNothing()
      .returning({ recipientId: circulations.recipientId });
    const createdIds = new Set(created.map((c) => c.recipientId));
    const sentTo = leaders.filter((l) => createdIds.has(l.id)).map((l) => l.displayName);
    const skippedNames = leaders.filter((l) => !createdIds.has(l.id)).map((l) => l.displayName);

    if (sentTo.length) {
      const facts = { recipients: sentTo, skipped: skippedNames, note: input.note };
      await recordAudit(tx, audit, {
        action: 'circulation.sent',
        targetType: subject.kind,
        targetId: subject.id,
        targetLabel: subject.label,
        diff: facts,
      });
      if (subject.kind === 'item') {
        await recordItemEvent(tx, actor, subject.id, {
          action: 'circulate',
          reason: input.note,
          data: facts,
        });
      }
    }
    return { created: sentTo.length, skipped: skippedNames.length, skippedNames };
  });
}
