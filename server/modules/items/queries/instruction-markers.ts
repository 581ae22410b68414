import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { INSTRUCTION_LEVEL_LABELS, instructions, items } from '../../../db/schema/index.ts';

export type InstructionMarker = {
  id: string;
  leaderName: string;
  leaderTitle: string | null;
  level: (typeof instructions.$inferSelect)['level'];
  levelLabel: string;
  instructedOn: string;
  text: string;
};

/**
 * The 批示 on items, by the original item (an instruction on a forwarded copy at any office up the
 * chain marks the unit's item too): one query for a whole page of items.
 */
export async function instructionMarkers(
  db: Db,
  rootIds: readonly string[],
): Promise<Map<string, InstructionMarker[]>> {
  const byRoot = new Map<string, InstructionMarker[]>();
  if (rootIds.length === 0) return byRoot;
  const root = sql<string>`coalesce(${items.rootId}, ${items.id})`;
  const rows = await db
    .select({
      root,
      id: instructions.id,
      leaderName: instructions.leaderName,
      leaderTitle: instructions.leaderTitle,
      level: instructions.level,
      instructedOn: instructions.instructedOn,
      text: instructions.text,
    })
    .from(instructions)
    .innerJoin(items, sql`${items.id} = ${instructions.itemId}`)
    .where(inArray(root, [...rootIds]))
    .orderBy(asc(instructions.instructedOn));
  for (const { root: r, ...m } of rows) {
    const list = byRoot.get(r) ?? [];
    list.push({ ...m, levelLabel: INSTRUCTION_LEVEL_LABELS[m.level] });
    byRoot.set(r, list);
  }
  return byRoot;
}
