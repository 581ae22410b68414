import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest } from '../../../lib/errors.ts';
import { assertStaff, readerOf } from '../access.ts';
import { findRuleSet } from '../commands/find-rule-set.ts';
import { formatAmount } from '../engine/decimal.ts';
import { inRange } from '../engine/periods.ts';
import { rankWithTies } from '../engine/rank.ts';
import type { Entry, ScoredUnit } from '../engine/score.ts';
import { Registry } from '../facts/registry.ts';
import { computeEntries } from '../ledger.ts';
import { checkRules } from '../rule-context.ts';
import type { Preview, PreviewInput } from '../schemas.ts';
import { ruleSetForRange } from './ranking.ts';

function ranks(entries: Entry[], units: ScoredUnit[], range: { from: string; to: string }) {
  const points = new Map<string, number>();
  for (const e of entries)
    if (inRange(e.on, range)) points.set(e.unitId, (points.get(e.unitId) ?? 0) + e.points);
  const out = new Map<string, { points: number; rank: number }>();
  for (const group of new Set(units.map((u) => u.group))) {
    const rows = units
      .filter((u) => u.group === group)
      .map((u) => ({ id: u.id, points: points.get(u.id) ?? 0 }));
    for (const r of rankWithTies(rows)) out.set(r.id, { points: r.points, rank: r.rank });
  }
  return out;
}

/**
 * 模拟测算 (what-if): a draft rule set — saved or being edited — replayed on a past range of real
 * facts, side by side with the rule set in force (or the one named), nothing stored.
 */
export async function previewRules(db: Db, actor: Actor, input: PreviewInput, now: Date): Promise<Preview> {
  const reader = readerOf(actor);
  const officeId = input.officeId ?? reader.staff[0];
  if (!officeId) throw badRequest('您不是办公室信息科人员，不能测算考核办法');
  assertStaff(reader, officeId);
  if (input.from < input.periodStart || input.to > input.periodEnd) {
    throw badRequest(`测算期间须在考核期间（${input.periodStart}—${input.periodEnd}）之内`);
  }
  const registry = await Registry.forOffice(db, officeId);
  const period = { from: input.periodStart, to: input.periodEnd };
  const checked = await checkRules(db, registry, officeId, input.rules, period, now);
  if (!checked.ok) return { problems: checked.problems, explanation: [], compareWith: null, groups: [] };
  const draft = await computeEntries(
    db,
    registry,
    { officeId, rules: checked.rules, periodStart: input.periodStart, periodEnd: input.periodEnd },
    now,
    checked.rules,
  );
  const range = { from: input.from, to: input.to };
  const after = ranks(draft.entries, draft.units, range);

  let compared: Awaited<ReturnType<typeof ruleSetForRange>> | null = null;
  if (input.compareWith) compared = await findRuleSet(db, actor, input.compareWith);
  else
    compared = await ruleSetForRange(db, actor, { officeId, from: input.from, to: input.to }).catch(
      () => null,
    );
  if (compared && compared.officeId !== officeId) throw badRequest('只能与本办公室的考核办法对比');
  const before = compared ? await computeEntries(db, registry, compared, now) : null;
  const beforeRanks = before ? ranks(before.entries, before.units, range) : new Map();

  return {
    problems: checked.problems,
    explanation: checked.explanation,
    compareWith: compared ? { id: compared.id, name: compared.name, versionNo: compared.versionNo } : null,
    groups: checked.rules.groups.map((g) => ({
      code: g.code,
      name: g.name,
      rows: draft.units
        .filter((u) => u.group === g.code)
        .map((u) => ({ u, a: after.get(u.id) ?? { points: 0, rank: 0 }, b: beforeRanks.get(u.id) ?? null }))
        .sort((x, y) => x.a.rank - y.a.rank)
        .map(({ u, a, b }) => ({
          unitId: u.id,
          unitName: registry.get(u.id)?.shortName || u.name,
          points: formatAmount(a.points),
          rank: a.rank,
          beforePoints: b ? formatAmount(b.points) : null,
          beforeRank: b?.rank ?? null,
          moved: !b || b.rank !== a.rank,
        })),
    })),
  };
}
