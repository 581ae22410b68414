import { formatAmount, multiply, parseAmount, SCALE, split } from './decimal.ts';
import type { AdoptionFact, Credit, Facts, InstructionFact } from './facts.ts';
import { bucketLabel, bucketsWithin, type DayRange, inRange } from './periods.ts';
import type { AdoptionRow, Multiplier, Quota, Rules } from './rules.ts';

/**
 * The scoring engine (docs/domain.md §3.3): facts × rules → ledger entries. Pure and
 * deterministic: the same facts in any order give the same entries (sorted), so recomputing a
 * period and the drill-down of one unit always agree with the stored ledger.
 */

export const ENTRY_KINDS = [
  'submission',
  'late_urgent',
  'forward',
  'adoption',
  'instruction',
  'commission',
  'assignment',
  'adjustment',
  'quota',
  'adoption_rate',
  'zero_out',
  'floor',
  'cap',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type Entry = {
  unitId: string;
  on: string;
  kind: EntryKind;
  /** The rule that gave the points (its key in the rule set), null when none applied. */
  ruleKey: string | null;
  /** The fact behind the entry (item, adoption, instruction, assignment, commission). */
  factId: string | null;
  itemId: string | null;
  /** For adoptions: by the assessing office itself (own) or above (upper). */
  outlet: 'own' | 'upper' | null;
  /** The unit's part of the fact in thousandths (a 合报 shares it). */
  quantity: number;
  /** Scaled points (decimal.ts). */
  points: number;
  detail: string;
};

export type ScoredUnit = { id: string; name: string; group: string };

export type ScoreInput = {
  rules: Rules;
  /** The rule set's period. */
  period: DayRange;
  /** Today: periodic rules (quotas, rates) judge only periods that have ended by then. */
  asOf: string;
  units: readonly ScoredUnit[];
  facts: Facts;
};

const amount = (text: string | undefined) => (text === undefined ? 0 : (parseAmount(text) ?? 0));
const pts = (units: number) => `${formatAmount(units)}分`;
const has = <T>(list: readonly T[] | undefined, value: T) =>
  !list || list.length === 0 || list.includes(value);

function matchesAdoption(rule: AdoptionRow | Multiplier, f: AdoptionFact): boolean {
  return (
    (!rule.publicationIds?.length ||
      (f.publicationId !== null && rule.publicationIds.includes(f.publicationId))) &&
    has(rule.tiers, f.tier) &&
    has(rule.adopterOfficeIds, f.adopterOfficeId) &&
    has(rule.publicationKinds, f.publicationKind) &&
    (!rule.outlet || rule.outlet === f.outlet) &&
    has(rule.categories, f.categoryCode) &&
    has(rule.adoptionKinds, f.adoptionKind) &&
    (!('route' in rule) || !rule.route || rule.route === f.route)
  );
}

export function score(input: ScoreInput): Entry[] {
  const { rules, period, asOf, facts } = input;
  const units = new Map(input.units.map((u) => [u.id, u]));
  const out: Entry[] = [];
  const push = (e: Omit<Entry, 'outlet'> & { outlet?: Entry['outlet'] }) => {
    // `+ 0` turns −0 (a penalty of nothing: `-amount(undefined)`) into 0, so ledgers compare equal.
    if (units.has(e.unitId)) out.push({ outlet: null, ...e, points: e.points + 0 });
  };
  /** One fact's points handed to its credited units (合报: evenly or by share). */
  const credit = (
    credits: readonly Credit[],
    points: number,
    e: Omit<Entry, 'unitId' | 'quantity' | 'points' | 'outlet'> & { outlet?: Entry['outlet'] },
  ) => {
    // By unit id: the odd ten-thousandth of a split must not depend on the order credits were listed in.
    const mine = credits.filter((c) => units.has(c.unitId)).sort((x, y) => x.unitId.localeCompare(y.unitId));
    if (mine.length === 0) return;
    const weights = mine.map((c) => (rules.joint === 'even' || credits.length === 1 ? 1 : c.shareMille));
    // Shares of units outside the assessment stay unpaid: weights against the whole.
    const all = credits.map((c) => (rules.joint === 'even' || credits.length === 1 ? 1 : c.shareMille));
    const whole = all.reduce((s, w) => s + w, 0);
    const mineWeight = weights.reduce((s, w) => s + w, 0);
    const myPoints = split(points, [mineWeight, whole - mineWeight])[0] ?? 0;
    const myQuantity = split(1000, [mineWeight, whole - mineWeight])[0] ?? 0;
    const parts = split(myPoints, weights);
    const quantities = split(myQuantity, weights);
    mine.forEach((c, i) => {
      const joint =
        credits.length > 1 ? `（合报，分得${formatAmount(((quantities[i] ?? 0) * SCALE) / 1000)}）` : '';
      push({
        ...e,
        unitId: c.unitId,
        quantity: quantities[i] ?? 0,
        points: parts[i] ?? 0,
        detail: e.detail + joint,
      });
    });
  };
  const within = <T extends { on: string }>(list: readonly T[]) =>
    [...list]
      .filter((f) => inRange(f.on, period))
      .sort((a, b) => a.on.localeCompare(b.on) || idOf(a).localeCompare(idOf(b)));

  // 报送: every submission is counted; points when the rule set pays for them, up to a cap.
  const submissionCap = rules.submission?.cap !== undefined ? amount(rules.submission.cap) : null;
  const paidSoFar = new Map<string, number>();
  for (const f of within(facts.submissions)) {
    const pays = rules.submission && has(rules.submission.categories, f.categoryCode);
    const base = pays ? amount(rules.submission?.points) : 0;
    for (const c of f.credits) {
      if (!units.has(c.unitId)) continue;
      let p = base;
      if (submissionCap !== null) {
        const sofar = paidSoFar.get(c.unitId) ?? 0;
        p = Math.max(0, Math.min(p, submissionCap - sofar));
        paidSoFar.set(c.unitId, sofar + p);
      }
      const capped = p < base ? `（报送分已达上限${pts(submissionCap ?? 0)}）` : '';
      push({
        unitId: c.unitId,
        on: f.on,
        kind: 'submission',
        ruleKey: pays ? 'submission' : null,
        factId: f.itemId,
        itemId: f.itemId,
        quantity: c.shareMille,
        points: p,
        detail: `报送《${f.title}》${pays ? `，${pts(p)}` : ''}${capped}`,
      });
      if (f.lateUrgent && rules.penalties?.lateUrgent) {
        push({
          unitId: c.unitId,
          on: f.on,
          kind: 'late_urgent',
          ruleKey: 'lateUrgent',
          factId: f.itemId,
          itemId: f.itemId,
          quantity: c.shareMille,
          points: -amount(rules.penalties.lateUrgent),
          detail: `紧急信息《${f.title}》迟报，扣${pts(amount(rules.penalties.lateUrgent))}`,
        });
      }
    }
  }

  // 报送上级: the chain carried the item to an upper office.
  for (const f of within(facts.forwards)) {
    const row = rules.forwarding?.rows.find((r) => r.tiers.includes(f.tier));
    if (!row) continue;
    credit(f.credits, amount(row.points), {
      on: f.on,
      kind: 'forward',
      ruleKey: row.key,
      factId: f.id,
      itemId: f.itemId,
      detail: `《${f.title}》报送${f.officeName}，${pts(amount(row.points))}`,
    });
  }

  // 采用: the first matching row's points (and pictures), times every matching multiplier.
  const adoptions = within(facts.adoptions).map((f) => {
    const row = rules.adoption.rows.find((r) => matchesAdoption(r, f));
    let p = row ? amount(row.points) + f.pictures * amount(row.picturePoints) : 0;
    const applied: string[] = [];
    for (const m of rules.adoption.multipliers) {
      if (row && matchesAdoption(m, f)) {
        p = multiply(p, amount(m.factor));
        applied.push(`${m.label ?? m.key}×${m.factor}`);
      }
    }
    return { f, row, points: p, applied };
  });
  const best = new Map<string, (typeof adoptions)[number]>();
  if (rules.adoption.combine === 'max') {
    for (const a of adoptions) {
      const cur = best.get(a.f.itemId);
      if (!cur || a.points > cur.points) best.set(a.f.itemId, a);
    }
  }
  for (const a of adoptions) {
    const { f, row } = a;
    const counted = rules.adoption.combine === 'sum' || best.get(f.itemId) === a;
    const pictures = row?.picturePoints && f.pictures ? `，图片${f.pictures}张` : '';
    const how = !row
      ? '，无对应计分规则'
      : counted
        ? `${pictures}${a.applied.length ? `，${a.applied.join('，')}` : ''}，${pts(a.points)}`
        : '，同一信息多次采用按最高分计，本次不计分';
    credit(f.credits, counted ? a.points : 0, {
      on: f.on,
      kind: 'adoption',
      ruleKey: row?.key ?? null,
      factId: f.id,
      itemId: f.itemId,
      outlet: f.tier === 'own' ? 'own' : 'upper',
      detail: `《${f.title}》被${f.publicationName}${f.adoptionKind ? `${f.adoptionKind}` : '采用'}${how}`,
    });
  }

  // 批示: a bonus per level (a principal leader's may differ from a deputy's); added up, the
  // best one per level and item, or only the best one per item.
  if (rules.instructions) {
    const { rows, mode } = rules.instructions;
    const rowOf = (f: InstructionFact) =>
      rows.find((r) => r.level === f.level && r.rank !== undefined && r.rank === f.leaderRank) ??
      rows.find((r) => r.level === f.level && r.rank === undefined);
    const list = within(facts.instructions).map((f) => {
      const row = rowOf(f);
      return { f, row, bonus: row ? amount(row.points) : null };
    });
    // The instruction that counts per item (highest) or per item and level (once_per_level):
    // the best bonus, the earliest among equals.
    const best = new Map<string, (typeof list)[number]>();
    const slot = ({ f }: (typeof list)[number]) => (mode === 'highest' ? f.itemId : `${f.itemId}:${f.level}`);
    if (mode !== 'sum') {
      for (const x of list) {
        if (x.bonus === null) continue;
        const cur = best.get(slot(x));
        if (!cur || x.bonus > (cur.bonus ?? 0)) best.set(slot(x), x);
      }
    }
    for (const x of list) {
      const { f, row, bonus } = x;
      if (!row || bonus === null) continue;
      const counted = mode === 'sum' || best.get(slot(x)) === x;
      credit(f.credits, counted ? bonus : 0, {
        on: f.on,
        kind: 'instruction',
        ruleKey: `instruction:${f.level}${row.rank ? `:${row.rank}` : ''}`,
        factId: f.id,
        itemId: f.itemId,
        detail: `《${f.title}》获${f.leaderName}批示${counted ? `，加${pts(bonus)}` : mode === 'highest' ? '，按最高级别批示计分，本次不计分' : '，同级批示不累加'}`,
      });
    }
  }

  // 约稿: answered (up to a cap), late, missed.
  const c = rules.commissions;
  const answeredCap = c?.answeredCap !== undefined ? amount(c.answeredCap) : null;
  const answeredSoFar = new Map<string, number>();
  for (const f of within(facts.commissions)) {
    if (f.outcome === 'pending') continue;
    const answered = f.outcome === 'answered' || f.outcome === 'late';
    let p = answered ? amount(c?.answeredPoints) : 0;
    if (answered && answeredCap !== null) {
      const sofar = answeredSoFar.get(f.unitId) ?? 0;
      p = Math.max(0, Math.min(p, answeredCap - sofar));
      answeredSoFar.set(f.unitId, sofar + p);
    }
    const words = { answered: '按时报送', late: '逾期报送', declined: '说明无法报送', missed: '未报送' }[
      f.outcome
    ];
    push({
      unitId: f.unitId,
      on: f.on,
      kind: 'commission',
      ruleKey: answered && p ? 'answered' : f.outcome === 'missed' && c?.missedPenalty ? 'missed' : null,
      factId: f.id,
      itemId: null,
      quantity: 1000,
      points: f.outcome === 'missed' ? -amount(c?.missedPenalty) : p,
      detail: `约稿${f.label}${words}${f.outcome === 'missed' && c?.missedPenalty ? `，扣${pts(amount(c.missedPenalty))}` : p ? `，加${pts(p)}` : ''}`,
    });
    if (f.outcome === 'late' && c?.latePenalty) {
      push({
        unitId: f.unitId,
        on: f.on,
        kind: 'commission',
        ruleKey: 'late',
        factId: f.id,
        itemId: null,
        quantity: 0,
        points: -amount(c.latePenalty),
        detail: `约稿${f.label}逾期报送，扣${pts(amount(c.latePenalty))}`,
      });
    }
  }

  // 批示落实反馈: overdue or late.
  for (const f of within(facts.assignments)) {
    if (f.outcome === 'pending') continue;
    const penalty =
      f.outcome === 'overdue'
        ? amount(rules.penalties?.instructionOverdue)
        : f.outcome === 'late'
          ? amount(rules.penalties?.instructionLate)
          : 0;
    const words = { on_time: '按时反馈', late: '逾期反馈', overdue: '逾期未反馈' }[f.outcome];
    push({
      unitId: f.unitId,
      on: f.on,
      kind: 'assignment',
      ruleKey: penalty ? (f.outcome === 'overdue' ? 'instructionOverdue' : 'instructionLate') : null,
      factId: f.id,
      itemId: null,
      quantity: 1000,
      points: -penalty,
      detail: `批示${f.label}${words}${penalty ? `，扣${pts(penalty)}` : ''}`,
    });
  }

  // 加减分登记: the office's own decisions, as registered.
  for (const f of within(facts.adjustments)) {
    const sign = f.points < 0 ? '扣' : '加';
    push({
      unitId: f.unitId,
      on: f.on,
      kind: 'adjustment',
      ruleKey: 'adjustment',
      factId: f.id,
      itemId: null,
      quantity: 1000,
      points: f.points,
      detail: `${sign}${pts(Math.abs(f.points))}：${f.reason}${f.basis ? `（依据：${f.basis}）` : ''}`,
    });
  }

  // Periodic rules: quotas and the adoption rate, for periods that have ended.
  // (ISO day strings compare as text; the earlier of today and the period's end.)
  const judged = { from: period.from, to: [asOf, period.to].sort()[0] as string };
  const itemsByUnit = (list: { on: string; itemId: string; categoryCode: string; credits: Credit[] }[]) => {
    // Thousandths per unit, each item once.
    const seen = new Set<string>();
    const m = new Map<string, number>();
    for (const f of list) {
      for (const cr of f.credits) {
        const k = `${cr.unitId}:${f.itemId}`;
        if (seen.has(k)) continue;
        seen.add(k);
        m.set(cr.unitId, (m.get(cr.unitId) ?? 0) + cr.shareMille);
      }
    }
    return m;
  };
  // Each quota's count per unit and period, then its points: a quota that requires another is
  // paid only when that one was met in every one of its periods overlapping this period.
  const quotaCounts = new Map<string, { bucket: DayRange; counts: Map<string, number> }[]>();
  for (const q of rules.quotas) {
    quotaCounts.set(
      q.key,
      bucketsWithin(q.period, period).map((bucket) => {
        const source =
          q.counts === 'submitted'
            ? facts.submissions.filter((f) => inRange(f.on, bucket) && has(q.categories, f.categoryCode))
            : facts.adoptions.filter((f) => inRange(f.on, bucket) && has(q.categories, f.categoryCode));
        return { bucket, counts: itemsByUnit(source) };
      }),
    );
  }
  const quotaByKey = new Map(rules.quotas.map((q) => [q.key, q]));
  const appliesTo = (q: Quota, u: ScoredUnit) => !q.groups?.length || q.groups.includes(u.group);
  for (const q of rules.quotas) {
    const required = q.requires ? quotaByKey.get(q.requires) : undefined;
    for (const { bucket, counts } of quotaCounts.get(q.key) ?? []) {
      const prerequisites = required
        ? (quotaCounts.get(required.key) ?? []).filter(
            (r) => r.bucket.from <= bucket.to && r.bucket.to >= bucket.from,
          )
        : [];
      if (bucket.to > judged.to || prerequisites.some((r) => r.bucket.to > judged.to)) continue;
      const what = q.counts === 'submitted' ? '报送' : '采用';
      for (const u of input.units) {
        if (!appliesTo(q, u)) continue;
        const n = counts.get(u.id) ?? 0;
        const label = `${bucketLabel(q.period, bucket)}${q.label ?? '任务'}`;
        const unmet =
          required && appliesTo(required, u)
            ? prerequisites.find((r) => (r.counts.get(u.id) ?? 0) < required.min * 1000)
            : undefined;
        let p: number;
        let detail: string;
        if (n >= q.min * 1000) {
          const extraItems = Math.floor((n - q.min * 1000) / 1000);
          let extra = extraItems * amount(q.extraPerItem);
          if (q.extraCap !== undefined) extra = Math.min(extra, amount(q.extraCap));
          p = unmet ? 0 : amount(q.basePoints) + extra;
          const also = unmet
            ? `，但${bucketLabel(required?.period ?? q.period, unmet.bucket)}未完成“${required?.label ?? required?.key}”，不得分`
            : '';
          detail = `${label}：${what}${formatAmount((n * SCALE) / 1000)}条，完成${q.min}条任务${extra && !unmet ? `，超额${extraItems}条` : ''}${also || (p ? `，${pts(p)}` : '')}`;
        } else {
          const short = Math.ceil((q.min * 1000 - n) / 1000);
          p = -short * amount(q.shortPenaltyPerItem);
          detail = `${label}：${what}${formatAmount((n * SCALE) / 1000)}条，少于${q.min}条任务${p ? `，扣${pts(-p)}` : ''}`;
        }
        push({
          unitId: u.id,
          on: bucket.to,
          kind: 'quota',
          ruleKey: q.key,
          factId: null,
          itemId: null,
          quantity: n,
          points: p,
          detail,
        });
      }
    }
  }
  const rate = rules.penalties?.lowAdoptionRate;
  if (rate) {
    for (const bucket of bucketsWithin(rate.period, period)) {
      if (bucket.to > judged.to) continue;
      const submitted = itemsByUnit(facts.submissions.filter((f) => inRange(f.on, bucket)));
      const adopted = itemsByUnit(facts.adoptions.filter((f) => inRange(f.on, bucket)));
      for (const u of input.units) {
        const s = submitted.get(u.id) ?? 0;
        if (s === 0) continue;
        const a = adopted.get(u.id) ?? 0;
        if (a * 100 >= rate.belowPercent * s) continue;
        push({
          unitId: u.id,
          on: bucket.to,
          kind: 'adoption_rate',
          ruleKey: 'lowAdoptionRate',
          factId: null,
          itemId: null,
          quantity: 0,
          points: -amount(rate.penalty),
          detail: `${bucketLabel(rate.period, bucket)}采用率${((a * 100) / s).toFixed(1)}%，低于${rate.belowPercent}%，扣${pts(amount(rate.penalty))}`,
        });
      }
    }
  }

  // Whole-period rules: zero-out, then floor and cap, dated the last day judged.
  const last = judged.to;
  for (const u of input.units) {
    const mine = out.filter((e) => e.unitId === u.id);
    const total = mine.reduce((s, e) => s + e.points, 0);
    const zero = rules.zeroOut.find((z) => {
      const n =
        z.when === 'commissions_missed'
          ? within(facts.commissions).filter((f) => f.unitId === u.id && f.outcome === 'missed').length
          : within(facts.assignments).filter((f) => f.unitId === u.id && f.outcome === 'overdue').length;
      return n >= z.atLeast;
    });
    if (zero) {
      if (total !== 0) {
        const what = zero.when === 'commissions_missed' ? '约稿未报送' : '批示逾期未反馈';
        push({
          unitId: u.id,
          on: last,
          kind: 'zero_out',
          ruleKey: zero.key,
          factId: null,
          itemId: null,
          quantity: 0,
          points: -total,
          detail: `${what}达${zero.atLeast}次，本期得分清零`,
        });
      }
      continue;
    }
    if (rules.floor !== undefined && total < amount(rules.floor)) {
      push({
        unitId: u.id,
        on: last,
        kind: 'floor',
        ruleKey: 'floor',
        factId: null,
        itemId: null,
        quantity: 0,
        points: amount(rules.floor) - total,
        detail: `低于最低分${pts(amount(rules.floor))}，按最低分计`,
      });
    } else if (rules.cap !== undefined && total > amount(rules.cap)) {
      push({
        unitId: u.id,
        on: last,
        kind: 'cap',
        ruleKey: 'cap',
        factId: null,
        itemId: null,
        quantity: 0,
        points: amount(rules.cap) - total,
        detail: `超过最高分${pts(amount(rules.cap))}，按最高分计`,
      });
    }
  }
  return out.sort(compareEntries);
}

const idOf = (f: { on: string }) => ('id' in f ? String(f.id) : 'itemId' in f ? String(f.itemId) : '');

export function compareEntries(a: Entry, b: Entry): number {
  return (
    a.unitId.localeCompare(b.unitId) ||
    a.on.localeCompare(b.on) ||
    a.kind.localeCompare(b.kind) ||
    (a.factId ?? '').localeCompare(b.factId ?? '') ||
    (a.ruleKey ?? '').localeCompare(b.ruleKey ?? '')
  );
}
