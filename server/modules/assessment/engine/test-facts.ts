/**
 * A small builder of scoring facts for the engine's tests, and the helpers those tests share:
 * a RuleContext that fits a rule set, the scored units of a registry, per-unit totals and
 * ranks with ties (engine/rank.ts). Test support only; nothing in the product imports it.
 */
import { formatAmount, parseAmount, split } from './decimal.ts';
import {
  type AdoptionFact,
  type AssignmentFact,
  type CommissionFact,
  type Credit,
  emptyFacts,
  type Facts,
  type InstructionFact,
} from './facts.ts';
import { rankWithTies } from './rank.ts';
import type { Rules, Tier } from './rules.ts';
import type { Entry, ScoredUnit } from './score.ts';
import { groupOf, type Member, type RuleContext } from './validate.ts';

/** A publication (or the website) that adopts items. */
export type Pub = {
  id: string | null;
  name: string;
  kind: string;
  tier: Tier;
  outlet?: 'publication' | 'website';
  /** The adopting office; by default one per tier (`office:${tier}`). */
  officeId?: string;
};

export type Item = { itemId: string; serial: number; title: string; categoryCode: string; credits: Credit[] };

/** Who an item counts for: one unit, several units sharing evenly, or explicit thousandths. */
export type Who = string | readonly string[] | Readonly<Record<string, number>>;

export function creditsOf(who: Who): Credit[] {
  if (typeof who === 'string') return [{ unitId: who, shareMille: 1000 }];
  if (Array.isArray(who)) {
    const ids = who as readonly string[];
    const shares = split(
      1000,
      ids.map(() => 1),
    );
    return ids.map((unitId, i) => ({ unitId, shareMille: shares[i] ?? 0 }));
  }
  return Object.entries(who as Record<string, number>).map(([unitId, shareMille]) => ({
    unitId,
    shareMille,
  }));
}

export class FactsBuilder {
  readonly facts: Facts = emptyFacts();
  private serial = 0;
  private seq = 0;

  item(id: string, who: Who, opts: { category?: string; title?: string } = {}): Item {
    this.serial++;
    return {
      itemId: id,
      serial: this.serial,
      title: opts.title ?? id,
      categoryCode: opts.category ?? 'dynamic',
      credits: creditsOf(who),
    };
  }

  /** The item reached the office on that day. */
  submit(item: Item, on: string, opts: { lateUrgent?: boolean } = {}): Item {
    this.facts.submissions.push({ kind: 'submission', ...item, on, lateUrgent: opts.lateUrgent ?? false });
    return item;
  }

  /** `n` new items of the unit, all submitted on that day. */
  submitMany(who: Who, n: number, on: string, prefix: string, category = 'dynamic'): Item[] {
    return Array.from({ length: n }, (_, i) =>
      this.submit(this.item(`${prefix}-${i + 1}`, who, { category }), on),
    );
  }

  adopt(
    item: Item,
    pub: Pub,
    on: string,
    opts: { route?: AdoptionFact['route']; adoptionKind?: string; pictures?: number } = {},
  ): this {
    this.facts.adoptions.push({
      kind: 'adoption',
      ...item,
      id: `${item.itemId}:${pub.id ?? 'website'}`,
      on,
      outlet: pub.outlet ?? 'publication',
      publicationId: pub.id,
      publicationName: pub.name,
      publicationKind: pub.kind,
      adopterOfficeId: pub.officeId ?? `office:${pub.tier}`,
      tier: pub.tier,
      route: opts.route ?? 'direct',
      adoptionKind: opts.adoptionKind ?? '全文采用',
      pictures: opts.pictures ?? 0,
    });
    return this;
  }

  forward(item: Item, office: { id: string; name: string; tier: Tier }, on: string): this {
    this.facts.forwards.push({
      kind: 'forward',
      ...item,
      id: `${item.itemId}:${office.id}`,
      on,
      officeName: office.name,
      tier: office.tier,
    });
    return this;
  }

  instruct(
    item: Item,
    level: string,
    on: string,
    leaderName = `${level}领导`,
    leaderRank: InstructionFact['leaderRank'] = null,
  ): this {
    this.seq++;
    this.facts.instructions.push({
      kind: 'instruction',
      ...item,
      id: `ins-${String(this.seq).padStart(3, '0')}`,
      on,
      level,
      leaderRank,
      leaderName,
    });
    return this;
  }

  assign(unitId: string, on: string, outcome: AssignmentFact['outcome'], label = '落实'): this {
    this.seq++;
    const id = `asg-${String(this.seq).padStart(3, '0')}`;
    this.facts.assignments.push({
      kind: 'assignment',
      id,
      instructionId: `ins-of-${id}`,
      unitId,
      on,
      outcome,
      label,
    });
    return this;
  }

  commission(unitId: string, on: string, outcome: CommissionFact['outcome'], label = '“专题”'): this {
    this.seq++;
    const id = `cms-${String(this.seq).padStart(3, '0')}`;
    this.facts.commissions.push({
      kind: 'commission',
      id,
      commissionId: `c-${id}`,
      unitId,
      on,
      outcome,
      label,
    });
    return this;
  }

  /** 加减分登记 of `points` (a decimal text, negative to take off). */
  adjust(unitId: string, on: string, points: string, reason: string, basis: string | null = null): this {
    this.seq++;
    this.facts.adjustments.push({
      kind: 'adjustment',
      id: `adj-${String(this.seq).padStart(3, '0')}`,
      unitId,
      on,
      points: parseAmount(points) ?? Number.NaN,
      reason,
      basis,
    });
    return this;
  }
}

/** Members of an office's registry. */
export const office = (id: string, name: string): Member => ({
  id,
  name,
  kind: 'office',
  groupCode: null,
  categoryCode: 'office',
});
export const unit = (
  id: string,
  name: string,
  groupCode: string | null,
  categoryCode: string | null,
): Member => ({
  id,
  name,
  kind: 'unit',
  groupCode,
  categoryCode,
});

export const DEFAULT_UNIT_GROUPS = ['dept_1', 'dept_2', 'dept_3', 'township'];
export const DEFAULT_UNIT_CATEGORIES = [
  'office',
  'city_dept',
  'township',
  'subdistrict',
  'party_dept',
  'mass_org',
  'vertical',
  'liaison_office',
  'direct_point',
];
export const DEFAULT_ITEM_CATEGORIES = [
  'dynamic',
  'experience',
  'problem',
  'suggestion',
  'forecast',
  'comprehensive',
  'research',
];

/** A RuleContext in which the given publications exist (active) and the members are the registry. */
export function contextFor(
  pubs: readonly Pub[],
  members: readonly Member[],
  extra: {
    itemCategories?: readonly string[];
    stopped?: readonly Pub[];
    /** The assessing office and those above it (id → name). */
    adopterOffices?: ReadonlyMap<string, string>;
  } = {},
): RuleContext {
  const publications = new Map<string, { name: string; active: boolean }>();
  for (const p of pubs) if (p.id) publications.set(p.id, { name: p.name, active: true });
  for (const p of extra.stopped ?? []) if (p.id) publications.set(p.id, { name: p.name, active: false });
  return {
    publications,
    unitGroups: new Set(DEFAULT_UNIT_GROUPS),
    unitCategories: new Set(DEFAULT_UNIT_CATEGORIES),
    itemCategories: new Set([...DEFAULT_ITEM_CATEGORIES, ...(extra.itemCategories ?? [])]),
    unitIds: new Set(members.map((m) => m.id)),
    members,
    adopterOffices: extra.adopterOffices ?? new Map(),
  };
}

/** The members the rule set ranks, each with its ranking group. */
export function scoredUnits(rules: Pick<Rules, 'groups'>, members: readonly Member[]): ScoredUnit[] {
  return members.flatMap((m) => {
    const group = groupOf(rules, m);
    return group ? [{ id: m.id, name: m.name, group }] : [];
  });
}

/** Scaled total per unit id (units without entries total 0). */
export function totals(entries: readonly Entry[], units: readonly ScoredUnit[]): Map<string, number> {
  const m = new Map(units.map((u) => [u.id, 0]));
  for (const e of entries) m.set(e.unitId, (m.get(e.unitId) ?? 0) + e.points);
  return m;
}

/** Per unit name: [formatted total, rank within its ranking group (rank.ts, ties share a rank)]. */
export function standings(
  entries: readonly Entry[],
  units: readonly ScoredUnit[],
): Record<string, [string, number]> {
  const sums = totals(entries, units);
  const out: Record<string, [string, number]> = {};
  for (const g of new Set(units.map((u) => u.group))) {
    const rows = units
      .filter((u) => u.group === g)
      .map((u) => ({ name: u.name, points: sums.get(u.id) ?? 0 }));
    for (const r of rankWithTies(rows)) out[r.name] = [formatAmount(r.points), r.rank];
  }
  return out;
}
