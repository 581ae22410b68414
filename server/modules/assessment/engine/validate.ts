import { parseAmount } from './decimal.ts';
import type { DayRange } from './periods.ts';
import type { AdoptionRow, Rules } from './rules.ts';

/** What a rule set is checked against: the office's registry and the publications it may name. */
export type RuleContext = {
  publications: ReadonlyMap<string, { name: string; active: boolean }>;
  unitGroups: ReadonlySet<string>;
  unitCategories: ReadonlySet<string>;
  itemCategories: ReadonlySet<string>;
  unitIds: ReadonlySet<string>;
  /** The office's members, to find units claimed by two ranking groups. */
  members: readonly Member[];
  /** The assessing office and the offices above it (id → name): the offices that may adopt. */
  adopterOffices: ReadonlyMap<string, string>;
};

export type Member = {
  id: string;
  name: string;
  kind: 'office' | 'unit';
  groupCode: string | null;
  categoryCode: string | null;
};

/** The ranking group of each member: the first group that claims it (members of none are not ranked). */
export function groupOf(rules: Pick<Rules, 'groups'>, m: Member): string | null {
  for (const g of rules.groups) {
    if (g.unitIds?.includes(m.id)) return g.code;
    if (g.offices && m.kind === 'office') return g.code;
    if (m.groupCode && g.unitGroups?.includes(m.groupCode)) return g.code;
    if (m.categoryCode && g.unitCategories?.includes(m.categoryCode)) return g.code;
  }
  return null;
}

const amount = (t: string | undefined) => (t === undefined ? undefined : (parseAmount(t) ?? undefined));

/** Does every adoption `later` matches also match `earlier` (so `later` can never apply)? */
function shadows(earlier: AdoptionRow, later: AdoptionRow): boolean {
  const within = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    !a?.length || (!!b?.length && b.every((x) => a.includes(x)));
  return (
    within(earlier.publicationIds, later.publicationIds) &&
    within(earlier.tiers, later.tiers) &&
    within(earlier.adopterOfficeIds, later.adopterOfficeIds) &&
    within(earlier.publicationKinds, later.publicationKinds) &&
    (!earlier.outlet || earlier.outlet === later.outlet) &&
    within(earlier.categories, later.categories) &&
    within(earlier.adoptionKinds, later.adoptionKinds)
  );
}

/**
 * The problems of a rule set in Chinese, empty when it can be activated: names that do not
 * exist or are stopped, rules that contradict themselves, a period in the future.
 */
export function validateRules(rules: Rules, period: DayRange, today: string, ctx: RuleContext): string[] {
  const errors: string[] = [];
  if (period.from > period.to) errors.push('考核期间的开始日期晚于结束日期');
  if (period.from > today) errors.push(`考核期间从${period.from}开始，尚未到来`);

  const keys = new Map<string, number>();
  const count = (k: string) => keys.set(k, (keys.get(k) ?? 0) + 1);
  for (const r of rules.adoption.rows) count(r.key);
  for (const m of rules.adoption.multipliers) count(m.key);
  for (const q of rules.quotas) count(q.key);
  for (const z of rules.zeroOut) count(z.key);
  for (const r of rules.forwarding?.rows ?? []) count(r.key);
  for (const [k, n] of keys) if (n > 1) errors.push(`规则编号“${k}”重复使用了${n}次`);

  const groupCodes = new Set<string>();
  for (const g of rules.groups) {
    if (groupCodes.has(g.code)) errors.push(`排名分组“${g.name}”的编号“${g.code}”重复`);
    groupCodes.add(g.code);
    if (!g.unitGroups?.length && !g.unitCategories?.length && !g.offices && !g.unitIds?.length) {
      errors.push(`排名分组“${g.name}”没有指定包含哪些单位`);
    }
    for (const c of g.unitGroups ?? [])
      if (!ctx.unitGroups.has(c)) errors.push(`排名分组“${g.name}”引用的考核分组“${c}”不存在`);
    for (const c of g.unitCategories ?? [])
      if (!ctx.unitCategories.has(c)) errors.push(`排名分组“${g.name}”引用的单位类别“${c}”不存在`);
    for (const id of g.unitIds ?? [])
      if (!ctx.unitIds.has(id)) errors.push(`排名分组“${g.name}”引用的单位不是本办公室的报送单位`);
  }
  // A member claimed by two groups would be ranked only in the first: say so.
  for (const m of ctx.members) {
    const claiming = rules.groups.filter((g) => groupOf({ groups: [g] }, m) !== null);
    if (claiming.length > 1) {
      errors.push(`单位“${m.name}”同时属于排名分组${claiming.map((g) => `“${g.name}”`).join('和')}`);
    }
  }

  const checkPublications = (where: string, ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) {
      const p = ctx.publications.get(id);
      if (!p) errors.push(`${where}引用的刊物不存在或不可用于本办公室`);
      else if (!p.active) errors.push(`${where}引用的刊物《${p.name}》已停用`);
    }
  };
  const checkOffices = (where: string, ids: readonly string[] | undefined) => {
    for (const id of ids ?? [])
      if (!ctx.adopterOffices.has(id)) errors.push(`${where}引用的采用机关不是本办公室或其上级办公室`);
  };
  const checkCategories = (where: string, codes: readonly string[] | undefined) => {
    for (const c of codes ?? [])
      if (!ctx.itemCategories.has(c)) errors.push(`${where}引用的信息类别“${c}”不存在`);
  };
  rules.adoption.rows.forEach((r, i) => {
    const where = `采用计分第${i + 1}条（${r.label ?? r.key}）`;
    checkPublications(where, r.publicationIds);
    checkOffices(where, r.adopterOfficeIds);
    checkCategories(where, r.categories);
    if (r.picturePoints !== undefined && r.outlet !== 'website' && !r.publicationKinds?.includes('互联网')) {
      errors.push(`${where}设置了图片分值，但只适用于网站或互联网采用`);
    }
    const earlier = rules.adoption.rows.slice(0, i).find((e) => shadows(e, r));
    if (earlier) {
      errors.push(
        `${where}永远不会生效：前面的“${earlier.label ?? earlier.key}”已包含它的全部情形（请把更具体的规则排在前面）`,
      );
    }
  });
  for (const m of rules.adoption.multipliers) {
    const where = `倍数规则“${m.label ?? m.key}”`;
    checkPublications(where, m.publicationIds);
    checkOffices(where, m.adopterOfficeIds);
    checkCategories(where, m.categories);
    if (amount(m.factor) === 0)
      errors.push(`${where}的倍数为0，会使采用不得分；不计分请删除对应的采用计分规则`);
  }
  if (rules.submission) checkCategories('报送计分', rules.submission.categories);

  const levels = new Set<string>();
  for (const r of rules.instructions?.rows ?? []) {
    const k = `${r.level}:${r.rank ?? ''}`;
    if (levels.has(k)) {
      const who = r.rank && { principal: '主要领导', deputy: '分管（其他）领导' }[r.rank];
      errors.push(`批示加分中同一批示级别${who ? `的${who}批示` : ''}设置了两次`);
    }
    levels.add(k);
  }

  const required = new Set(rules.quotas.flatMap((q) => (q.requires ? [q.requires] : [])));
  rules.quotas.forEach((q, i) => {
    const where = `任务规则“${q.label ?? q.key}”`;
    if (q.requires) {
      const at = rules.quotas.findIndex((r) => r.key === q.requires);
      if (at === -1) errors.push(`${where}的前提任务“${q.requires}”不存在`);
      else if (at === i) errors.push(`${where}不能以自身为前提任务`);
      else if (at > i) errors.push(`${where}的前提任务须排在它前面（避免互为前提）`);
    }
    for (const g of q.groups ?? []) if (!groupCodes.has(g)) errors.push(`${where}引用的排名分组“${g}”不存在`);
    checkCategories(where, q.categories);
    if (q.extraCap !== undefined && q.extraPerItem === undefined)
      errors.push(`${where}设置了超额加分上限，但没有设置超额每条加分`);
    if (!q.basePoints && !q.extraPerItem && !q.shortPenaltyPerItem && !required.has(q.key))
      errors.push(`${where}既不加分也不扣分`);
  });
  const floor = amount(rules.floor);
  const cap = amount(rules.cap);
  if (floor !== undefined && cap !== undefined && floor > cap) errors.push('最低分高于最高分');
  if (rules.commissions?.answeredCap !== undefined && !rules.commissions.answeredPoints) {
    errors.push('设置了约稿加分上限，但没有设置完成约稿加分');
  }
  if (rules.submission?.cap !== undefined && amount(rules.submission.cap) === 0)
    errors.push('报送分上限为0，报送不会得分');
  return errors;
}
