/**
 * Properties of the scoring engine, with fast-check: the order of facts does not matter; a
 * 合报's parts add up to the whole; scoring a union of item-disjoint fact sets equals adding the
 * scores of the parts (for rules without periodic or whole-period rules); amounts round-trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, SCALE, split } from './decimal.ts';
import { type Credit, emptyFacts, type Facts } from './facts.ts';
import { type RulesInput, rulesSchema } from './rules.ts';
import { compareEntries, type ScoredUnit, score } from './score.ts';
import { FactsBuilder, type Pub, totals } from './test-facts.ts';

const UNITS: ScoredUnit[] = [
  { id: 'u1', name: '一号', group: 'a' },
  { id: 'u2', name: '二号', group: 'a' },
  { id: 'u3', name: '三号', group: 'b' },
  { id: 'u4', name: '四号', group: 'b' },
];
/** 'ux' is credited on some items but not assessed. */
const CREDITABLE = ['u1', 'u2', 'u3', 'u4', 'ux'];
const PERIOD = { from: '2024-01-01', to: '2024-12-31' };

const PUBS: Pub[] = [
  { id: 'p-own', name: '本级普刊', kind: '普刊', tier: 'own' },
  { id: 'p-own-zb', name: '本级专报', kind: '专报', tier: 'own' },
  { id: 'p-city', name: '市刊', kind: '普刊', tier: 'city' },
  { id: 'p-prov', name: '省刊', kind: '普刊', tier: 'province' },
  { id: 'p-prov-web', name: '省网', kind: '互联网', tier: 'province' },
  { id: 'p-nat', name: '国办刊', kind: '普刊', tier: 'national' },
  { id: null, name: '门户网站', kind: '网站', tier: 'own', outlet: 'website' },
];
const OFFICES = [
  { id: 'o-city', name: '市政府办', tier: 'city' as const },
  { id: 'o-prov', name: '省政府办', tier: 'province' as const },
  { id: 'o-nat', name: '国办', tier: 'national' as const },
];
const LEVELS = ['state_council', 'province', 'city', 'county', 'township'];

/** Days from 20 days before the period to a week after it, as YYYY-MM-DD. */
const arbDay = fc
  .integer({ min: -20, max: 372 })
  .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));

/** 1–4 distinct units with shares in thousandths summing to 1000. */
const arbCredits = (ids: readonly string[]): fc.Arbitrary<Credit[]> =>
  fc
    .uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: Math.min(4, ids.length) })
    .chain((units) =>
      fc
        .array(fc.integer({ min: 1, max: 1000 }), { minLength: units.length, maxLength: units.length })
        .map((ws) => {
          const shares = split(1000, ws);
          return units.map((unitId, i) => ({ unitId, shareMille: shares[i] ?? 0 }));
        }),
    );

const arbItem = fc.record({
  category: fc.constantFrom('dynamic', 'research', 'problem'),
  credits: arbCredits(CREDITABLE),
  submitted: fc.option(fc.record({ on: arbDay, lateUrgent: fc.boolean() })),
  adoptions: fc.array(
    fc.record({
      pub: fc.nat(PUBS.length - 1),
      on: arbDay,
      route: fc.constantFrom('forwarded' as const, 'direct' as const),
      adoptionKind: fc.constantFrom('全文采用', '摘要采用', '综合采用'),
      pictures: fc.nat(4),
    }),
    { maxLength: 4 },
  ),
  forwards: fc.array(fc.record({ office: fc.nat(OFFICES.length - 1), on: arbDay }), { maxLength: 2 }),
  instructions: fc.array(
    fc.record({
      level: fc.constantFrom(...LEVELS),
      rank: fc.constantFrom(null, 'principal' as const, 'deputy' as const),
      on: arbDay,
    }),
    { maxLength: 3 },
  ),
});
type ItemSpec = typeof arbItem extends fc.Arbitrary<infer T> ? T : never;

const arbUnitFact = <O extends string>(outcomes: readonly O[]) =>
  fc.record({ unit: fc.constantFrom(...CREDITABLE), on: arbDay, outcome: fc.constantFrom(...outcomes) });
const arbWorld = fc.record({
  items: fc.array(arbItem, { maxLength: 14 }),
  assignments: fc.array(arbUnitFact(['on_time', 'late', 'overdue', 'pending'] as const), { maxLength: 5 }),
  commissions: fc.array(arbUnitFact(['answered', 'late', 'declined', 'missed', 'pending'] as const), {
    maxLength: 6,
  }),
  adjustments: fc.array(
    fc.record({
      unit: fc.constantFrom(...CREDITABLE),
      on: arbDay,
      points: fc.constantFrom('2', '-1.5', '0.25', '-3'),
    }),
    { maxLength: 4 },
  ),
});
type World = typeof arbWorld extends fc.Arbitrary<infer T> ? T : never;

/** The facts of a world; item and fact ids carry `prefix`, so two worlds never share an item. */
function factsOf(w: World, prefix = ''): Facts {
  const b = new FactsBuilder();
  w.items.forEach((spec: ItemSpec, n) => {
    const item = { ...b.item(`${prefix}i${n}`, 'u1', { category: spec.category }), credits: spec.credits };
    if (spec.submitted) b.submit(item, spec.submitted.on, { lateUrgent: spec.submitted.lateUrgent });
    // One adoption per item and outlet (the adoption id is `${itemId}:${publication}`).
    const seen = new Set<number>();
    for (const a of spec.adoptions) {
      if (seen.has(a.pub)) continue;
      seen.add(a.pub);
      b.adopt(item, PUBS[a.pub]!, a.on, a);
    }
    const sent = new Set<number>();
    for (const f of spec.forwards) {
      if (sent.has(f.office)) continue;
      sent.add(f.office);
      b.forward(item, OFFICES[f.office]!, f.on);
    }
    for (const i of spec.instructions) b.instruct(item, i.level, i.on, `${i.level}领导`, i.rank);
  });
  for (const a of w.assignments) b.assign(a.unit, a.on, a.outcome);
  for (const c of w.commissions) b.commission(c.unit, c.on, c.outcome);
  for (const a of w.adjustments) b.adjust(a.unit, a.on, a.points, '加减分');
  const f = b.facts;
  // The builder numbers its facts from 1; make them world-unique.
  for (const list of [f.instructions, f.assignments, f.commissions, f.adjustments])
    for (const x of list) x.id = `${prefix}${x.id}`;
  return f;
}

const arbRules = (periodic: boolean): fc.Arbitrary<RulesInput> =>
  fc
    .record({
      combine: fc.constantFrom('sum' as const, 'max' as const),
      joint: fc.constantFrom('even' as const, 'share' as const),
      mode: fc.constantFrom('sum' as const, 'once_per_level' as const, 'highest' as const),
      quotas: fc.boolean(),
      rate: fc.boolean(),
      zeroOut: fc.boolean(),
      floorCap: fc.boolean(),
      caps: fc.boolean(),
    })
    .map((t) => ({
      groups: [
        { code: 'a', name: '甲组', unitIds: ['u1', 'u2'] },
        { code: 'b', name: '乙组', unitIds: ['u3', 'u4'] },
      ],
      adoption: {
        rows: [
          { key: 'web', outlet: 'website' as const, points: '1', picturePoints: '0.5' },
          {
            key: 'prov-web',
            tiers: ['province' as const],
            publicationKinds: ['互联网'],
            points: '2',
            picturePoints: '0.3333',
          },
          { key: 'own-zb', tiers: ['own' as const], publicationKinds: ['专报'], points: '5' },
          { key: 'research', categories: ['research'], adoptionKinds: ['全文采用'], points: '7.5' },
          { key: 'own', tiers: ['own' as const], points: '1' },
          { key: 'city', tiers: ['city' as const], points: '3.3333' },
          { key: 'prov', tiers: ['province' as const], points: '10' },
          { key: 'nat', tiers: ['national' as const], points: '30' },
        ],
        combine: t.combine,
        multipliers: [
          { key: 'via', tiers: ['province' as const], route: 'forwarded' as const, factor: '2' },
          { key: 'nat5', tiers: ['national' as const], factor: '5' },
          { key: 'res', categories: ['research'], factor: '1.5' },
        ],
      },
      joint: t.joint,
      forwarding: {
        rows: [
          { key: 'to-prov', tiers: ['province' as const], points: '1.25' },
          { key: 'to-nat', tiers: ['national' as const], points: '3' },
        ],
      },
      submission: { points: '0.1', ...(periodic && t.caps ? { cap: '0.3' } : {}) },
      instructions: {
        rows: [
          { level: 'state_council' as const, points: '100' },
          { level: 'province' as const, points: '50' },
          { level: 'city' as const, points: '10' },
          { level: 'city' as const, rank: 'principal' as const, points: '30' },
        ],
        mode: t.mode,
      },
      commissions: {
        answeredPoints: '1',
        ...(periodic && t.caps ? { answeredCap: '2' } : {}),
        latePenalty: '0.5',
        missedPenalty: '2',
      },
      penalties: {
        lateUrgent: '1',
        instructionOverdue: '2',
        instructionLate: '1',
        ...(periodic && t.rate
          ? { lowAdoptionRate: { belowPercent: 30, period: 'quarter' as const, penalty: '1' } }
          : {}),
      },
      ...(periodic && t.quotas
        ? {
            quotas: [
              {
                key: 'month',
                period: 'month' as const,
                counts: 'submitted' as const,
                min: 2,
                basePoints: '1',
                extraPerItem: '0.5',
                extraCap: '1',
                shortPenaltyPerItem: '0.25',
              },
              {
                key: 'long',
                groups: ['a'],
                period: 'quarter' as const,
                counts: 'adopted' as const,
                categories: ['research'],
                min: 1,
                basePoints: '3',
              },
              {
                key: 'both',
                period: 'month' as const,
                counts: 'submitted' as const,
                min: 1,
                basePoints: '2',
                requires: 'long',
              },
            ],
          }
        : {}),
      ...(periodic && t.zeroOut
        ? {
            zeroOut: [
              { key: 'z1', when: 'commissions_missed' as const, atLeast: 2 },
              { key: 'z2', when: 'instructions_overdue' as const, atLeast: 2 },
            ],
          }
        : {}),
      ...(periodic && t.floorCap ? { floor: '0', cap: '40' } : {}),
    }));

/** A seeded Fisher–Yates shuffle (mulberry32), so fast-check can replay a failure. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const shuffleFacts = (f: Facts, seed: number): Facts => ({
  submissions: shuffled(f.submissions, seed),
  adoptions: shuffled(f.adoptions, seed + 1),
  forwards: shuffled(f.forwards, seed + 2),
  instructions: shuffled(f.instructions, seed + 3),
  assignments: shuffled(f.assignments, seed + 4),
  commissions: shuffled(f.commissions, seed + 5),
  adjustments: shuffled(f.adjustments, seed + 6),
});

const arbAsOf = fc.constantFrom('2024-05-20', '2024-09-30', '2025-01-10');

describe('the order of facts does not matter', () => {
  it('shuffling every fact list gives identical entries', () => {
    fc.assert(
      fc.property(arbRules(true), arbWorld, arbAsOf, fc.integer(), (input, world, asOf, seed) => {
        const rules = rulesSchema.parse(input);
        const facts = factsOf(world);
        const run = (f: Facts) => score({ rules, period: PERIOD, asOf, units: UNITS, facts: f });
        expect(run(shuffleFacts(facts, seed))).toEqual(run(facts));
      }),
      { numRuns: 200 },
    );
  });

  it('the order of a 合报’s credits does not matter either', () => {
    fc.assert(
      fc.property(arbRules(true), arbWorld, arbAsOf, fc.integer(), (input, world, asOf, seed) => {
        const rules = rulesSchema.parse(input);
        const facts = factsOf(world);
        const reordered: Facts = { ...facts };
        for (const k of ['submissions', 'adoptions', 'forwards', 'instructions'] as const) {
          // Every fact of one item keeps the same credits, in a new order.
          reordered[k] = facts[k].map((f) => ({
            ...f,
            credits: shuffled(f.credits, seed + f.serial),
          })) as never;
        }
        const run = (f: Facts) => score({ rules, period: PERIOD, asOf, units: UNITS, facts: f });
        expect(run(reordered)).toEqual(run(facts));
      }),
      { numRuns: 200 },
    );
  });
});

describe('合报 parts add up to the whole', () => {
  // Up to 100 000 points per adoption (ten-thousandths stay far inside exact integers).
  const arbPoints = fc.integer({ min: 0, max: 100_000 * SCALE });

  it('the entries of one adoption sum exactly to its points, evenly or by share', () => {
    fc.assert(
      fc.property(
        arbPoints,
        arbCredits(UNITS.map((u) => u.id)),
        fc.constantFrom('even' as const, 'share' as const),
        (points, credits, joint) => {
          const rules = rulesSchema.parse({
            groups: [{ code: 'a', name: '全部', unitIds: UNITS.map((u) => u.id) }],
            adoption: { rows: [{ key: 'any', points: formatAmount(points) }], combine: 'sum' },
            joint,
          });
          const b = new FactsBuilder();
          const item = { ...b.item('i1', 'u1'), credits };
          b.adopt(item, PUBS[0]!, '2024-03-01');
          const entries = score({ rules, period: PERIOD, asOf: '2025-01-01', units: UNITS, facts: b.facts });
          const mine = entries.filter((e) => e.factId === 'i1:p-own');
          expect(mine).toHaveLength(credits.length);
          expect(mine.reduce((s, e) => s + e.points, 0)).toBe(points);
          expect(mine.reduce((s, e) => s + e.quantity, 0)).toBe(1000);
          for (const e of mine) {
            const c = credits.find((x) => x.unitId === e.unitId)!;
            // Each part is within one ten-thousandth of its exact share.
            const exact = joint === 'even' ? points / credits.length : (points * c.shareMille) / 1000;
            expect(Math.abs(e.points - exact)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('split hands out every unit, each part within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 }).filter((ws) => ws.some((w) => w > 0)),
        (amount, weights) => {
          const parts = split(amount, weights);
          const total = weights.reduce((s, w) => s + w, 0);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          parts.forEach((p, i) => {
            // |p − amount·w/total| < 1, in integers: |p·total − amount·w| < total.
            expect(Math.abs(p * total - amount * (weights[i] ?? 0))).toBeLessThan(total);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('recomputation equals incremental updates', () => {
  it('for rules without periodic or whole-period rules, score(A ∪ B) = score(A) + score(B)', () => {
    fc.assert(
      fc.property(arbRules(false), arbWorld, arbWorld, arbAsOf, (input, wa, wb, asOf) => {
        const rules = rulesSchema.parse(input);
        const a = factsOf(wa, 'a-');
        const b = factsOf(wb, 'b-');
        const union = emptyFacts();
        for (const k of Object.keys(union) as (keyof Facts)[]) union[k] = [...a[k], ...b[k]] as never;
        const run = (f: Facts) => score({ rules, period: PERIOD, asOf, units: UNITS, facts: f });
        const [whole, partA, partB] = [run(union), run(a), run(b)];
        expect(whole).toEqual([...partA, ...partB].sort(compareEntries));
        // So each unit's total over the union is the total over A plus the difference B makes.
        const [tw, ta, tb] = [totals(whole, UNITS), totals(partA, UNITS), totals(partB, UNITS)];
        for (const u of UNITS) expect(tw.get(u.id)).toBe((ta.get(u.id) ?? 0) + (tb.get(u.id) ?? 0));
      }),
      { numRuns: 200 },
    );
  });
});

describe('amounts round-trip', () => {
  it('parseAmount(formatAmount(n)) = n for every amount of up to nine whole digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 13) + 1, max: 10 ** 13 - 1 }), (n) => {
        expect(parseAmount(formatAmount(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatAmount(parseAmount(t)) = t for every canonical decimal text', () => {
    const arbText = fc
      .record({
        negative: fc.boolean(),
        whole: fc.integer({ min: 0, max: 999_999_999 }),
        frac: fc.stringMatching(/^(\d{0,3}[1-9])?$/),
      })
      .filter((r) => !r.negative || r.whole > 0 || r.frac !== '')
      .map((r) => `${r.negative ? '-' : ''}${r.whole}${r.frac ? `.${r.frac}` : ''}`);
    fc.assert(
      fc.property(arbText, (t) => {
        expect(formatAmount(parseAmount(t)!)).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts trailing zeros and surrounding spaces, rejects five places and non-numbers', () => {
    expect(parseAmount(' 0.50 ')).toBe(5000);
    expect(parseAmount('12.3400')).toBe(123_400);
    expect(parseAmount('-1.25')).toBe(-12_500);
    expect(formatAmount(750_000)).toBe('75');
    expect(parseAmount('0.00001')).toBeNull();
    expect(parseAmount('1e3')).toBeNull();
    expect(parseAmount('.5')).toBeNull();
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('1234567890')).toBeNull(); // ten whole digits
  });
});
