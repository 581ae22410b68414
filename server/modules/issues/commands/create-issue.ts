import { and, eq, inArray, max } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { publicationIssues, publications, users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { isUniqueViolation } from '../../../lib/records.ts';
import { todayInChina } from '../../orgs/index.ts';
import { actorOfficeIds, formatIssueLabel } from '../../publications/index.ts';
import { presentIssueDetail } from '../present.ts';
import type { CreateIssueInput, IssueDetail } from '../schemas.ts';
import { indexIssues } from '../search-index.ts';

export const NUMBER_COLLISION = '期号冲突，请重试';

async function displayName(tx: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

/**
 * The next number of a series: one more than the highest, or — only for the first issue of a
 * series in this system — the starting number the editor gives. Any other number would leave a
 * gap or collide: 409 naming the number that is due.
 */
function chooseNumber(
  top: number | null,
  asked: number | undefined,
  refusal: (next: number) => Error,
): number {
  const next = (top ?? 0) + 1;
  if (asked === undefined || asked === next) return next;
  if (top === null) return asked;
  throw refusal(next);
}

function numberTaken(publication: string, series: string, what: string, next: number): Error {
  return conflict(`${what}冲突：《${publication}》${series}下一期${what}应为 ${next}，不能跳号或重号`);
}

/**
 * Starts a draft issue (期) of one of the caller's office's publications. The number is taken
 * under a lock on the publication row, so editors creating issues at the same moment get
 * consecutive numbers; the unique indexes are the last guard and turn a collision into a 409.
 * The label is fixed now, from the year in Asia/Shanghai.
 */
export async function createIssue(
  ctx: AppContext,
  actor: Actor,
  input: CreateIssueInput,
  audit: AuditContext,
): Promise<IssueDetail> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const offices = actorOfficeIds(actor);
      const [publication] = offices.length
        ? await tx
            .select()
            .from(publications)
            .where(and(eq(publications.id, input.publicationId), inArray(publications.officeId, offices)))
            .for('update')
        : [];
      if (!publication) throw badRequest('所选刊物不存在或不是本办公室的刊物');
      if (!publication.active) throw conflict(`《${publication.name}》已停用，不能新建期次`);

      const year = Number(todayInChina().slice(0, 4));
      const seriesKey = publication.numbering === 'yearly' ? String(year) : 'all';
      const [numbers] = await tx
        .select({ top: max(publicationIssues.number) })
        .from(publicationIssues)
        .where(
          and(
            eq(publicationIssues.publicationId, publication.id),
            eq(publicationIssues.seriesKey, seriesKey),
          ),
        );
      const [totals] = await tx
        .select({ top: max(publicationIssues.totalNumber) })
        .from(publicationIssues)
        .where(eq(publicationIssues.publicationId, publication.id));
      const number = chooseNumber(numbers?.top ?? null, input.number, (next) =>
        numberTaken(publication.name, seriesKey === 'all' ? '' : `${year}年`, '期号', next),
      );
      const totalNumber = chooseNumber(totals?.top ?? null, input.totalNumber, (next) =>
        numberTaken(publication.name, '', '总期号', next),
      );
      const label = formatIssueLabel(publication, { year, number, totalNumber });
      const editorId = publication.defaultEditorId ?? actor.userId;

      const [row] = await tx
        .insert(publicationIssues)
        .values({
          publicationId: publication.id,
          officeId: publication.officeId,
          seriesKey,
          year,
          number,
          totalNumber,
          label,
          title: input.title || null,
          distribution: publication.distribution,
          printCount: publication.printCount,
          responsibleEditorId: editorId,
          responsibleEditorName: await displayName(tx, editorId),
          signerId: publication.defaultSignerId,
          signerName: await displayName(tx, publication.defaultSignerId),
          createdById: actor.userId,
          createdByName: actor.displayName,
        })
        .returning();
      if (!row) throw new Error('issue insert returned no row');
      await indexIssues(tx, [row.id]);
      await recordAudit(tx, audit, {
        action: 'issue.created',
        targetType: 'issue',
        targetId: row.id,
        targetLabel: `《${publication.name}》${label}`,
        diff: { publication: publication.name, label, number, totalNumber, title: row.title },
      });
      return presentIssueDetail(tx, actor, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(NUMBER_COLLISION);
    throw error;
  }
}
