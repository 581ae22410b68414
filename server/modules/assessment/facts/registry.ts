import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { OfficeLevel, OrgKind } from '../../../db/schema/index.ts';
import type { Credit } from '../engine/facts.ts';
import type { Tier } from '../engine/rules.ts';
import type { Member } from '../engine/validate.ts';

/** Rows of a raw query, the same on PGlite and PostgreSQL. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

export const idList = (ids: readonly string[]) =>
  ids.length
    ? sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;

type OrgNode = {
  id: string;
  parentId: string | null;
  kind: OrgKind;
  level: OfficeLevel | null;
  name: string;
  shortName: string;
  groupCode: string | null;
  categoryCode: string | null;
  active: boolean;
  sortOrder: number;
};

/**
 * The unit tree as the facts need it: who is a member of the assessing office (its direct
 * children), which member a deeper unit belongs to, and the level of every office above.
 */
export class Registry {
  private constructor(private readonly nodes: Map<string, OrgNode>) {}

  static async load(db: Db): Promise<Registry> {
    const rows = await rowsOf<{
      id: string;
      parent_id: string | null;
      kind: OrgKind;
      level: OfficeLevel | null;
      name: string;
      short_name: string;
      group_code: string | null;
      category_code: string | null;
      active: boolean;
      sort_order: number;
    }>(
      db,
      sql`select id, parent_id, kind, level, name, short_name, group_code, category_code, active, sort_order from orgs`,
    );
    return new Registry(
      new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            parentId: r.parent_id,
            kind: r.kind,
            level: r.level,
            name: r.name,
            shortName: r.short_name,
            groupCode: r.group_code,
            categoryCode: r.category_code,
            active: r.active,
            sortOrder: r.sort_order,
          },
        ]),
      ),
    );
  }

  get(id: string): OrgNode | undefined {
    return this.nodes.get(id);
  }

  name(id: string): string {
    return this.nodes.get(id)?.name ?? '（未知单位）';
  }

  /** The offices above `officeId`, nearest first. */
  ancestors(officeId: string): string[] {
    const out: string[] = [];
    let cur = this.nodes.get(officeId)?.parentId ?? null;
    while (cur && !out.includes(cur)) {
      out.push(cur);
      cur = this.nodes.get(cur)?.parentId ?? null;
    }
    return out;
  }

  /** The offices below `officeId` (its sub-offices, theirs, …). */
  descendantOffices(officeId: string): string[] {
    const out: string[] = [];
    for (const n of this.nodes.values()) {
      if (n.kind === 'office' && n.id !== officeId && this.ancestors(n.id).includes(officeId)) out.push(n.id);
    }
    return out;
  }

  /** The office's members in registry order: the units and lower offices that report to it. */
  members(officeId: string): Member[] {
    return [...this.nodes.values()]
      .filter((n) => n.parentId === officeId)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
      .map((n) => ({
        id: n.id,
        name: n.name,
        kind: n.kind,
        groupCode: n.groupCode,
        categoryCode: n.categoryCode,
      }));
  }

  /** The member of `officeId` that `unitId` is or lies under; null when outside the office. */
  memberOf(unitId: string, officeId: string): string | null {
    let cur: string | null = unitId;
    for (let depth = 0; cur && depth < 32; depth++) {
      const n = this.nodes.get(cur);
      if (!n) return null;
      if (n.parentId === officeId) return n.id;
      cur = n.parentId;
    }
    return null;
  }

  /** Where an office's adoption sits relative to the assessing office. */
  tierOf(publicationOfficeId: string, officeId: string): Tier {
    if (publicationOfficeId === officeId) return 'own';
    const level = this.nodes.get(publicationOfficeId)?.level;
    return level === 'city' || level === 'province' || level === 'national' ? level : 'other';
  }

  /**
   * The credit of an item at the office: a joint item's shares mapped onto the office's members
   * (two departments of one county become that county at the city), otherwise the member the
   * origin unit belongs to.
   */
  credits(
    officeId: string,
    item: { originUnitId: string; submittingUnitId: string },
    joint: readonly { unitId: string; shareMille: number }[] | undefined,
  ): Credit[] {
    if (joint?.length) {
      const byMember = new Map<string, number>();
      for (const c of joint) {
        const m = this.memberOf(c.unitId, officeId) ?? this.memberOf(item.submittingUnitId, officeId);
        if (m) byMember.set(m, (byMember.get(m) ?? 0) + c.shareMille);
      }
      if (byMember.size) return [...byMember].map(([unitId, shareMille]) => ({ unitId, shareMille }));
    }
    const m = this.memberOf(item.originUnitId, officeId) ?? this.memberOf(item.submittingUnitId, officeId);
    return m ? [{ unitId: m, shareMille: 1000 }] : [];
  }
}
