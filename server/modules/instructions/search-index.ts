import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inIdBatches } from '../../lib/reindex.ts';
import { arrayLiteral, rowsOf } from '../../lib/sql.ts';
import { type SearchField, searchVector } from '../../lib/text/search-text.ts';

type Row = { id: string; leader_name: string; leader_title: string | null; text: string };
type Handling = { id: string; instruction_id: string; requirement: string | null; feedback: string[] | null };

/**
 * Writes the search index rows of leaders' instructions (docs/domain.md §8), in the caller's
 * transaction. A handling unit reads the instruction and only its own assignment, so there are
 * two sorts of row under the kind `instruction`:
 *
 * - one per instruction (`ref_id` = the instruction): `tsv` the leader's name and title (A) and
 *   the instruction's text (D), what every reader sees; `tsv_own`, once assigned, that and every
 *   unit's 交办要求 and 落实反馈 (C), searched by the holding office and the writing leader;
 * - one per assignment (`ref_id` = the assignment): the instruction's text and that unit's
 *   requirement and feedback, searched by that unit.
 */
export async function indexInstructions(tx: Db, instructionIds: readonly string[]): Promise<void> {
  if (instructionIds.length === 0) return;
  const ids = arrayLiteral([...new Set(instructionIds)]);
  const rows = await rowsOf<Row>(
    tx,
    sql`select id, leader_name, leader_title, text from instructions where id = any(${ids}::uuid[])`,
  );
  const handling = await rowsOf<Handling>(
    tx,
    sql`select a.id, a.instruction_id, a.requirement,
          (select array_agg(f.text order by f.round) from instruction_feedback f where f.assignment_id = a.id) as feedback
        from instruction_assignments a where a.instruction_id = any(${ids}::uuid[])
        order by a.instruction_id, a.assigned_at, a.id`,
  );
  const byInstruction = new Map<string, Handling[]>();
  for (const h of handling)
    byInstruction.set(h.instruction_id, [...(byInstruction.get(h.instruction_id) ?? []), h]);
  const refs: string[] = [];
  const tsv: string[] = [];
  const own: (string | null)[] = [];
  const handled = (h: Handling): SearchField[] => [
    { text: h.requirement, weight: 'C' },
    ...(h.feedback ?? []).map((text) => ({ text, weight: 'C' as const })),
  ];
  for (const r of rows) {
    const shown: SearchField[] = [
      { text: r.leader_name, weight: 'A' },
      { text: r.leader_title, weight: 'A' },
      { text: r.text, weight: 'D' },
    ];
    const list = byInstruction.get(r.id) ?? [];
    refs.push(r.id);
    tsv.push(searchVector(shown));
    own.push(list.length ? searchVector([...shown, ...list.flatMap(handled)]) : null);
    for (const h of list) {
      refs.push(h.id);
      tsv.push(searchVector([...shown, ...handled(h)]));
      own.push(null);
    }
  }
  await tx.execute(sql`
    insert into search_index (kind, ref_id, tsv, tsv_own)
    select 'instruction', v.id, v.tsv::tsvector, v.own::tsvector
    from unnest(${arrayLiteral(refs)}::uuid[], ${arrayLiteral(tsv)}::text[], ${arrayLiteral(own)}::text[])
      as v(id, tsv, own)
    on conflict (kind, ref_id) do update set tsv = excluded.tsv, tsv_own = excluded.tsv_own`);
}

/** Rebuilds the whole instruction index (`xinbao reindex`, after a bulk load); returns the count. */
export const reindexInstructions = (db: Db): Promise<number> =>
  inIdBatches(db, 'instructions', indexInstructions);
