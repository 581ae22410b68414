import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  type InstructionLevel,
  instructions,
  items,
  type LeaderRank,
  orgs,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, forbidden, notFound } from '../../../lib/errors.ts';
import { loadSubject, staffOfficeIds } from '../../circulation/index.ts';
import { recordItemEvent } from '../../items/index.ts';
import { notify, officeStaff } from '../../notifications/index.ts';
import { todayInChina } from '../../orgs/index.ts';
import { LEVEL_LABELS } from '../machine.ts';
import type { RecordInstructionInput, WriteInstructionInput } from '../schemas.ts';
import { indexInstructions } from '../search-index.ts';
import {
  assertInstructedOn,
  instructionLabel,
  instructionLink,
  refreshLists,
  unitHandlers,
} from './shared.ts';

const OFFICE_LEVEL: Record<string, InstructionLevel> = {
  county: 'county',
  city: 'city',
  province: 'province',
};

type NewInstruction = {
  officeId: string;
  itemId: string | null;
  issueId: string | null;
  source: 'online' | 'paper' | 'upper';
  leaderId: string | null;
  leaderName: string;
  leaderTitle: string | null;
  leaderRank: LeaderRank | null;
  level: InstructionLevel;
  text: string;
  instructedOn: string;
};

/**
 * A leader writes a 批示 on an item or issue circulated to them (they can only name what they may
 * read: 404 otherwise). The level is their office's; the date today unless given.
 */
export function writeInstruction(
  db: Db,
  actor: Actor,
  input: WriteInstructionInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    if (!actor.roles.includes('leader')) throw forbidden('只有领导可以批示');
    const subject = await loadSubject(tx, actor, { itemId: input.itemId, issueId: input.issueId });
    const [office] = await tx.select({ level: orgs.level }).from(orgs).where(eq(orgs.id, subject.officeId));
    const instructedOn = input.instructedOn ?? todayInChina(clock.now());
    assertInstructedOn(instructedOn, clock.now());
    return insertInstruction(tx, actor, audit, clock, {
      officeId: subject.officeId,
      itemId: input.itemId ?? null,
      issueId: input.issueId ?? null,
      source: 'online',
      leaderId: actor.userId,
      leaderName: actor.displayName,
      leaderTitle: input.leaderTitle || null,
      leaderRank: input.leaderRank ?? null,
      level: OFFICE_LEVEL[office?.level ?? 'county'] ?? 'county',
      text: input.text,
      instructedOn,
    });
  });
}

/**
 * An editor records a 批示 received on paper or from an upper office (上级领导批示), on an item or
 * issue of their office or on none (a general instruction to the office).
 */
export function recordInstruction(
  db: Db,
  actor: Actor,
  input: RecordInstructionInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const offices = staffOfficeIds(actor);
    let officeId: string | undefined;
    if (input.itemId || input.issueId) {
      const subject = await loadSubject(tx, actor, { itemId: input.itemId, issueId: input.issueId });
      officeId = subject.officeId;
    } else {
      officeId = input.officeId ?? offices[0];
    }
    if (!officeId) throw notFound('您不属于任何办公室');
    if (!offices.includes(officeId)) throw forbidden('只能登记本办公室的批示');
    if (input.officeId && input.officeId !== officeId) throw badRequest('批示的信息或刊物不属于所选办公室');
    assertInstructedOn(input.instructedOn, clock.now());
    return insertInstruction(tx, actor, audit, clock, {
      officeId,
      itemId: input.itemId ?? null,
      issueId: input.issueId ?? null,
      source: input.source,
      leaderId: null,
      leaderName: input.leaderName,
      leaderTitle: input.leaderTitle || null,
      leaderRank: input.leaderRank ?? null,
      level: input.level,
      text: input.text,
      instructedOn: input.instructedOn,
    });
  });
}

async function insertInstruction(tx: Db, actor: Actor, audit: AuditContext, clock: Clock, v: NewInstruction) {
  const [item] = v.itemId
    ? await tx
        .select({ originUnitId: items.originUnitId, title: items.title })
        .from(items)
        .where(eq(items.id, v.itemId))
    : [];
  const [row] = await tx
    .insert(instructions)
    .values({
      ...v,
      originUnitId: item?.originUnitId ?? null,
      recordedById: actor.userId,
      recordedByName: actor.displayName,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    })
    .returning();
  if (!row) throw new Error('insert failed');
  await indexInstructions(tx, [row.id]);
  const facts = {
    leaderName: v.leaderName,
    level: LEVEL_LABELS[v.level],
    instructedOn: v.instructedOn,
    text: v.text,
  };
  await recordAudit(tx, audit, {
    action: v.source === 'online' ? 'instruction.written' : 'instruction.recorded',
    targetType: 'instruction',
    targetId: row.id,
    targetLabel: instructionLabel(row),
    diff: { ...facts, source: v.source, itemId: v.itemId, issueId: v.issueId },
  });
  if (v.itemId) {
    await recordItemEvent(tx, actor, v.itemId, {
      action: 'instruction',
      data: { instructionId: row.id, ...facts },
    });
  }
  const staff = (await officeStaff(tx, v.officeId)).filter((id) => id !== actor.userId);
  await notify(tx, {
    userIds: staff,
    officeId: v.officeId,
    kind: 'instruction_written',
    title: `${v.leaderName}批示${item ? `《${item.title}》` : ''}`,
    body: v.text,
    link: instructionLink(row.id),
    subject: { type: 'instruction', id: row.id },
    at: clock.now(),
  });
  if (item?.originUnitId) {
    // The unit whose item drew the instruction hears of it (and sees the marker on the item).
    await notify(tx, {
      userIds: await unitHandlers(tx, [item.originUnitId]),
      officeId: v.officeId,
      kind: 'instruction_written',
      title: `${v.leaderName}批示本单位信息《${item.title}》`,
      body: v.text,
      link: instructionLink(row.id),
      subject: { type: 'instruction', id: row.id },
      at: clock.now(),
    });
  }
  await refreshLists(tx, v.officeId, item?.originUnitId ? [item.originUnitId] : []);
  return row;
}
