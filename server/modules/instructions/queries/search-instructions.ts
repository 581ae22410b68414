import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import {
  instructionAssignments,
  instructionFeedback,
  instructions,
  items,
  orgs,
  publicationIssues,
  publications,
  searchIndex,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { countMatches } from '../../../lib/search-results.ts';
import { arrayLiteral } from '../../../lib/sql.ts';
import { highlight, type QueryTerm } from '../../../lib/text/search-text.ts';
import { INSTRUCTION_STATUS_LABELS, LEVEL_LABELS } from '../machine.ts';
import { instructionScope, readerOf } from '../scope.ts';

/** The filters of the global search that concern instructions (docs/domain.md §8). */
export type InstructionSearchFilters = {
  officeId?: string;
  /** The unit whose item drew it, or a handling unit. */
  unitId?: string;
  /** 批示日期 (yyyy-mm-dd, China). */
  from?: string;
  to?: string;
};

const office = alias(orgs, 'search_instruction_office');

/**
 * Instructions matching a search the caller may read, in the instruction list's own scope
 * (`instructionScope`): the holding office and the writing leader search the leader, the text and
 * every unit's 交办要求 and 落实反馈; a handling unit the instruction and only its own assignment
 * (search-index.ts). Relevance (leader first, then the text, then the handling) or newest first.
 */
export async function searchInstructions(
  db: Db,
  actor: Actor,
  search: { tsquery: string; terms: readonly QueryTerm[] },
  f: InstructionSearchFilters,
  page: { order: 'relevance' | 'date'; limit: number; offset: number },
) {
  const reader = readerOf(actor);
  const query = sql`${search.tsquery}::tsquery`;
  const indexed = and(eq(searchIndex.kind, 'instruction'), eq(searchIndex.refId, instructions.id));
  // Who reads all of an instruction's handling (present.ts): its office's staff and its leader.
  const whole = or(
    reader.staffOfficeIds.length ? inArray(instructions.officeId, reader.staffOfficeIds) : undefined,
    eq(instructions.leaderId, reader.userId),
  ) as SQL;
  const units = arrayLiteral(reader.unitIds);
  const ownAssignment = reader.unitIds.length
    ? sql`exists (select 1 from ${instructionAssignments} a join ${searchIndex} s
          on s.kind = 'instruction' and s.ref_id = a.id
        where a.instruction_id = ${instructions.id} and a.unit_id = any(${units}::uuid[]) and s.tsv @@ ${query})`
    : undefined;
  const text = sql`(case when ${whole} then coalesce(${searchIndex.tsvOwn}, ${searchIndex.tsv}) else ${searchIndex.tsv} end)`;
  const where = and(
    or(sql`${text} @@ ${query}`, ownAssignment),
    instructionScope(reader),
    f.officeId ? eq(instructions.officeId, f.officeId) : undefined,
    f.unitId
      ? or(
          eq(instructions.originUnitId, f.unitId),
          sql`exists (select 1 from ${instructionAssignments} where ${instructionAssignments.instructionId} = ${instructions.id} and ${instructionAssignments.unitId} = ${f.unitId})`,
        )
      : undefined,
    f.from ? sql`${instructions.instructedOn} >= ${f.from}::date` : undefined,
    f.to ? sql`${instructions.instructedOn} <= ${f.to}::date` : undefined,
  ) as SQL;
  const counted = await countMatches(
    db,
    db.select({ one: sql`1` }).from(instructions).innerJoin(searchIndex, indexed).where(where).$dynamic(),
  );
  const rank = sql<number>`ts_rank_cd(${text}, ${query})`;
  const rows = await db
    .select({
      i: instructions,
      whole: sql<boolean>`${whole}`,
      officeName: office.name,
      itemTitle: items.title,
      issueName: sql<string | null>`case when ${publicationIssues.id} is not null
        then '《' || ${publications.name} || '》' || ${publicationIssues.label} end`,
    })
    .from(instructions)
    .innerJoin(searchIndex, indexed)
    .innerJoin(office, eq(office.id, instructions.officeId))
    .leftJoin(items, eq(items.id, instructions.itemId))
    .leftJoin(publicationIssues, eq(publicationIssues.id, instructions.issueId))
    .leftJoin(publications, eq(publications.id, publicationIssues.publicationId))
    .where(where)
    .orderBy(
      ...(page.order === 'date'
        ? [desc(instructions.instructedOn), desc(instructions.serial)]
        : [desc(rank), desc(instructions.instructedOn), desc(instructions.serial)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  const feedback = await visibleFeedback(
    db,
    rows.map((r) => ({ id: r.i.id, whole: r.whole })),
    reader.unitIds,
  );
  const hits = rows.map((r) => {
    const leader = `${r.i.leaderName}${r.i.leaderTitle ? `（${r.i.leaderTitle}）` : ''}`;
    const subject = r.itemTitle ? `《${r.itemTitle}》` : (r.issueName ?? '');
    // The snippet: the instruction's text, or the first feedback the reader sees that matched.
    const textShows = highlight(r.i.text, search.terms).some((p) => p.hit);
    const matched = textShows
      ? undefined
      : feedback.get(r.i.id)?.find((t) => highlight(t, search.terms).some((p) => p.hit));
    return {
      kind: 'instruction' as const,
      id: r.i.id,
      title: highlight(`${leader}批示${subject}`, search.terms, 200),
      snippet: highlight(matched ? `落实反馈：${matched}` : r.i.text, search.terms),
      link: `/instructions/${r.i.id}`,
      at: r.i.instructedOn,
      meta: [LEVEL_LABELS[r.i.level], r.officeName, INSTRUCTION_STATUS_LABELS[r.i.status], r.i.instructedOn],
    };
  });
  return { ...counted, hits };
}

/** The feedback texts of each instruction the reader sees: all of it, or their own units'. */
async function visibleFeedback(
  db: Db,
  rows: readonly { id: string; whole: boolean }[],
  unitIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (rows.length === 0) return out;
  const list = await db
    .select({
      instructionId: instructionAssignments.instructionId,
      unitId: instructionAssignments.unitId,
      text: instructionFeedback.text,
    })
    .from(instructionFeedback)
    .innerJoin(instructionAssignments, eq(instructionAssignments.id, instructionFeedback.assignmentId))
    .where(
      inArray(
        instructionAssignments.instructionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(instructionAssignments.instructionId, instructionFeedback.round);
  const whole = new Set(rows.filter((r) => r.whole).map((r) => r.id));
  for (const f of list) {
    if (!whole.has(f.instructionId) && !unitIds.includes(f.unitId)) continue;
    out.set(f.instructionId, [...(out.get(f.instructionId) ?? []), f.text]);
  }
  return out;
}
