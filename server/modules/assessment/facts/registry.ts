import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { OfficeLevel, OrgKind } from '../../../db/schema/index.ts';
import { idList, rowsOf } from '../../../lib/sql.ts';
import type { Credit } from '../engine/facts.ts';
import type { Tier } from '../engine/rules.ts';
import type { Member } from '../engine/validate.ts';

// The raw-SQL helpers live in server/lib/sql.ts; re-exported for the assessment's own files.
export { arrayLiteral, idList, rowsOf } from '../../../lib/sql.ts';

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

/** An org as selected with REGISTRY_COLUMNS. */
export type RegistryRow = {
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
};

/** The columns a Registry is built from, for a query that selects them itself (`o` is orgs). */
export const REGISTRY_COLUMNS = sql.raw(
  'o.id, o.parent_id, o.kind, o.level, o.name, o.short_name, o.group_code, o.category_code, o.active, o.sort_order',
);

/** Deeper than any real registry; bounds the walks (and a cycle, should one ever be written). */
const MAX_DEPTH = 32;

/** An org below the members, known by its place only (what `memberOf` walks). */
type Link = { parentId: string | null; office: boolean };

/**
 * The unit tree as the facts need it: who is a member of the assessing office (its direct
 * children), which member a deeper unit belongs to, and the level of every office above.
 *
 * Loaded for one office (`forOffice`): the office, its ancestors and its members in full, and —
 * for the facts — the deeper subtree by its parent links only. That is everything the
 * assessment of the office asks about, and the answers are those of the full registry: `memberOf`
 * of a unit outside the subtree is null either way, `ancestors` and `tierOf` only look upward,
 * `get`, `name` and `members` are asked about the office, its ancestors and its members.
 */
export class Registry {
  private constructor(
    private readonly nodes: Map<string, OrgNode>,
    private readonly links: Map<string, Link> = new Map(),
  ) {}

  /** Every org, in full. Reads the whole table: prefer `forOffice`. */
  static async load(db: Db): Promise<Registry> {
    return Registry.fromRows(await rowsOf<RegistryRow>(db, sql`select ${REGISTRY_COLUMNS} from orgs o`));
  }

  /**
   * What assessing `officeId` needs: in one query the office, its ancestors and its members in
   * full; with `scope: 'subtree'` (the default: facts credit a deep unit to the member it lies
   * under) then the orgs below the members by their links, one indexed query per level that has
   * children (a county's members have none: no further query; a province reads its counties,
   * then their units). `'members'` stops at the members (rule checks, rankings, names). `peers`
   * adds the members of the office's parent (to rank the office among them), `ids` single orgs
   * (a name to show).
   *
   * Level by level rather than one recursive CTE: PostgreSQL's estimate of a recursive walk is
   * large enough to either hash the whole table at every level or to switch on JIT compilation,
   * both costing more than the walk itself; each level here is an index lookup (orgs_parent).
   */
  static async forOffice(
    db: Db,
    officeId: string,
    opts: { scope?: 'subtree' | 'members'; peers?: boolean; ids?: readonly string[] } = {},
  ): Promise<Registry> {
    const office = sql`${officeId}::uuid`;
    const subtree = (opts.scope ?? 'subtree') === 'subtree';
    const hasChildren = sql`exists (select 1 from orgs c where c.parent_id = o.id)`;
    const branches: SQL[] = [
      sql`select false as member, false as has_children, ${REGISTRY_COLUMNS} from up join orgs o on o.id = up.id`,
      sql`select true, ${subtree ? hasChildren : sql`false`}, ${REGISTRY_COLUMNS} from orgs o where o.parent_id = ${office}`,
    ];
    if (opts.peers) {
      branches.push(
        sql`select false, false, ${REGISTRY_COLUMNS} from orgs me join orgs o on o.parent_id = me.parent_id
            where me.id = ${office} and o.id <> me.id`,
      );
    }
    if (opts.ids?.length) {
      branches.push(
        sql`select false, false, ${REGISTRY_COLUMNS} from orgs o where o.id in (${idList(opts.ids)})`,
      );
    }
    type Row = RegistryRow & { member: boolean; has_children: boolean };
    const rows = await rowsOf<Row>(
      db,
      sql`with recursive up(id, depth) as (
            select ${office}, 0
            union all
            select o.parent_id, up.depth + 1 from up join orgs o on o.id = up.id
            where o.parent_id is not null and up.depth < ${MAX_DEPTH}
          )
          ${sql.join(
            branches,
            sql`
          union all `,
          )}`,
    );
    const registry = Registry.fromRows(rows);
    // Below the members: their children, theirs, … (depth as memberOf walks it).
    let frontier = rows.filter((r) => r.member && r.has_children).map((r) => r.id);
    const walked = new Set([officeId]);
    for (let depth = 2; frontier.length && depth <= MAX_DEPTH; depth++) {
      for (const id of frontier) walked.add(id);
      // One text per level, 74 characters an org (id, parent id, office?, has children?): a level
      // can be a province's 16,000 units, and one value is far cheaper to carry than as many rows.
      const [level] = await rowsOf<{ links: string | null }>(
        db,
        sql`select string_agg(o.id::text || o.parent_id::text || (o.kind = 'office')::int::text
              || (${hasChildren})::int::text, '') as links
            from orgs o where o.parent_id = any(${`{${frontier.join(',')}}`}::uuid[])`,
      );
      const links = level?.links ?? '';
      frontier = [];
      for (let i = 0; i + 74 <= links.length; i += 74) {
        const id = links.slice(i, i + 36);
        if (!registry.links.has(id)) {
          registry.links.set(id, { parentId: links.slice(i + 36, i + 72), office: links[i + 72] === '1' });
        }
        if (links[i + 73] === '1' && !walked.has(id)) frontier.push(id);
      }
    }
    return registry;
  }

  /** A registry of the given rows (selected with REGISTRY_COLUMNS), all in full. */
  static fromRows(rows: readonly RegistryRow[]): Registry {
    const nodes = new Map<string, OrgNode>();
    const links = new Map<string, Link>();
    for (const r of rows) {
      nodes.set(r.id, {
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
      });
      links.set(r.id, { parentId: r.parent_id, office: r.kind === 'office' });
    }
    return new Registry(nodes, links);
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
    let cur = this.links.get(officeId)?.parentId ?? null;
    while (cur && !out.includes(cur)) {
      out.push(cur);
      cur = this.links.get(cur)?.parentId ?? null;
    }
    return out;
  }

  /** The offices below `officeId` (its sub-offices, theirs, …). */
  descendantOffices(officeId: string): string[] {
    const out: string[] = [];
    for (const [id, n] of this.links) {
      if (n.office && id !== officeId && this.ancestors(id).includes(officeId)) out.push(id);
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
    for (let depth = 0; cur && depth < MAX_DEPTH; depth++) {
      const n = this.links.get(cur);
      if (!n) return null;
      if (n.parentId === officeId) return cur;
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
