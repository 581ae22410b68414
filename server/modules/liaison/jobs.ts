import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { liaisonFilings, orgs } from '../../db/schema/index.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { notify, officeStaff, usersWithRoles } from '../notifications/index.ts';
import { todayInChina } from '../orgs/index.ts';
import { liaisonLink } from './present.ts';
import { memberUnitsOf } from './scope.ts';

/** The filing season opens on 1 January (docs/domain.md §1: each January every unit files). */
export const FILING_OPENS_ON = '01-01';
/** The date the units still missing are reminded and each office hears how many are missing. */
export const FILING_REMINDER_ON = '01-15';
/** Both go out at the start of the working day, Beijing time. */
export const FILING_NOTICE_AT = '09:00';

export const NEW_YEAR_JOB = 'liaison.new_year';
export const REMINDER_JOB = 'liaison.reminder';

/** `01-15` → `1月15日`. */
const monthDay = (mmdd: string) => `${Number(mmdd.slice(0, 2))}月${Number(mmdd.slice(3, 5))}日`;

/** Who files for a member unit: its 信息员 (for a lower office, its editors). */
const filers = (tx: Db, unitId: string) =>
  usersWithRoles(tx, [unitId], ['reporter', 'editor', 'chief_editor']);

/** Each active office with its active member units that have not filed for the year. */
async function missingByOffice(db: Db, year: number) {
  const offices = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(eq(orgs.kind, 'office'), eq(orgs.active, true)));
  const members = await memberUnitsOf(
    db,
    offices.map((o) => o.id),
  );
  const filed = new Set(
    members.length
      ? (
          await db
            .select({ unitId: liaisonFilings.unitId })
            .from(liaisonFilings)
            .where(
              and(
                eq(liaisonFilings.year, year),
                inArray(
                  liaisonFilings.unitId,
                  members.map((m) => m.id),
                ),
              ),
            )
        ).map((r) => r.unitId)
      : [],
  );
  return offices
    .map((office) => ({
      office,
      missing: members.filter((m) => m.parentId === office.id && !filed.has(m.id)),
    }))
    .filter((o) => o.missing.length > 0);
}

/**
 * The yearly filing notices. On 1 January every member unit that has not yet filed for the new
 * year is asked to; on 15 January the units still missing are reminded and each office's 信息科 is
 * told how many are missing. Every notice carries a dedupe key per unit (or office) and year, so a
 * repeated run (a second instance, a retry) tells nobody twice.
 */
export function registerLiaisonJobs(ctx: AppContext) {
  ctx.scheduler.register(NEW_YEAR_JOB, async (_job, { db, clock }) => {
    const now = clock.now();
    const year = Number(todayInChina(now).slice(0, 4));
    for (const { office, missing } of await missingByOffice(db, year)) {
      await db.transaction(async (tx) => {
        for (const unit of missing) {
          await notify(tx, {
            userIds: await filers(tx, unit.id),
            officeId: office.id,
            kind: 'liaison_reminder',
            title: `请填报${year}年度信息联络员备案`,
            body: `请于${monthDay(FILING_REMINDER_ON)}前报送本单位${year}年度分管领导和信息员的姓名、职务及联系方式（${office.name}）。`,
            link: liaisonLink(year),
            subject: { type: 'liaison_filing', id: unit.id },
            dedupeKey: `liaison-open:${year}:${unit.id}`,
            at: now,
          });
        }
      });
    }
  });
  ctx.scheduler.register(REMINDER_JOB, async (_job, { db, clock }) => {
    const now = clock.now();
    const year = Number(todayInChina(now).slice(0, 4));
    for (const { office, missing } of await missingByOffice(db, year)) {
      await db.transaction(async (tx) => {
        for (const unit of missing) {
          await notify(tx, {
            userIds: await filers(tx, unit.id),
            officeId: office.id,
            kind: 'liaison_reminder',
            title: `本单位尚未填报${year}年度信息联络员备案，请尽快报送`,
            link: liaisonLink(year),
            subject: { type: 'liaison_filing', id: unit.id },
            dedupeKey: `liaison-remind:${year}:${unit.id}`,
            at: now,
          });
        }
        const names = missing.map((m) => m.shortName || m.name);
        await notify(tx, {
          userIds: await officeStaff(tx, office.id),
          officeId: office.id,
          kind: 'liaison_reminder',
          title: `${year}年度信息联络员备案：尚有 ${missing.length} 个单位未备案`,
          body: `未备案：${names.slice(0, 30).join('、')}${names.length > 30 ? ` 等 ${names.length} 个单位` : ''}`,
          link: liaisonLink(year),
          subject: { type: 'office', id: office.id },
          dedupeKey: `liaison-missing:${year}:${office.id}`,
          at: now,
        });
      });
    }
  });
  // A server that was down on the day still sends them within the week.
  ctx.scheduler.recurring({
    kind: NEW_YEAR_JOB,
    schedule: { yearlyOn: FILING_OPENS_ON, at: FILING_NOTICE_AT },
    catchUpMs: 7 * DAY_MS,
  });
  ctx.scheduler.recurring({
    kind: REMINDER_JOB,
    schedule: { yearlyOn: FILING_REMINDER_ON, at: FILING_NOTICE_AT },
    catchUpMs: 7 * DAY_MS,
  });
}
