import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { staffOfficeIds } from '../circulation/index.ts';

/**
 * Who sees an office's assessment (docs/screens.md 考评): its 信息科 manages the rule sets and
 * sees everything; its leaders read the rankings and every unit's figures; a member unit (a
 * unit's 信息员 and 签发人, or the 信息科 of a lower office) reads the rankings, which the office
 * circulates in its notices anyway, and the entries of its own row only.
 */
export type AssessmentReader = {
  staff: string[];
  leader: string[];
  /** office id → the caller's member units of that office. */
  member: Map<string, string[]>;
};

export function readerOf(actor: Actor): AssessmentReader {
  const staff = staffOfficeIds(actor);
  const leader = actor.roles.includes('leader')
    ? actor.units.filter((u) => u.kind === 'office').map((u) => u.id)
    : [];
  const unitRole = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  const member = new Map<string, string[]>();
  for (const u of actor.units) {
    if (!u.parentId) continue;
    if (u.kind === 'unit' ? unitRole : staff.includes(u.id)) {
      member.set(u.parentId, [...(member.get(u.parentId) ?? []), u.id]);
    }
  }
  return { staff, leader, member };
}

/** The offices whose rankings the caller may read, own office first. */
export function readableOffices(r: AssessmentReader): string[] {
  return [...new Set([...r.staff, ...r.leader, ...r.member.keys()])];
}

export function assertCanRead(r: AssessmentReader, officeId: string): void {
  if (!readableOffices(r).includes(officeId)) throw notFound('考评数据不存在或您无权查看');
}

/** Whether the caller may read one unit's entries at the office. */
export function assertCanReadUnit(r: AssessmentReader, officeId: string, unitId: string): void {
  assertCanRead(r, officeId);
  if (r.staff.includes(officeId) || r.leader.includes(officeId)) return;
  if (!(r.member.get(officeId) ?? []).includes(unitId)) throw forbidden('只能查看本单位的得分明细');
}

export function assertStaff(r: AssessmentReader, officeId: string): void {
  if (!r.staff.includes(officeId)) throw forbidden('只有本办公室信息科才能管理考核办法');
}

/** The office the caller works for by default: staff, then leader, then the first they report to. */
export function defaultOffice(r: AssessmentReader): string | null {
  return r.staff[0] ?? r.leader[0] ?? [...r.member.keys()][0] ?? null;
}
