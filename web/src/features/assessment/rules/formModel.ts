import dayjs, { type Dayjs } from 'dayjs';
import type {
  AdoptionRow,
  InstructionLevel,
  LeaderRank,
  Multiplier,
  PeriodKind,
  Quota,
  RuleGroup,
  RuleSetDetail,
  RuleSetInput,
  Rules,
  Tier,
} from '../api.ts';
import { INSTRUCTION_LEVELS } from './labels.tsx';

/**
 * The editor's form values and their translation to and from the rules as the server stores
 * them. Amounts stay decimal strings (InputNumber in string mode); an empty optional amount is
 * null in the form and absent in the rules. Keys and group codes travel unchanged.
 */
export type Amount = string | null | undefined;

type MatchValues = {
  publicationIds?: string[];
  tiers?: Tier[];
  adopterOfficeIds?: string[];
  publicationKinds?: string[];
  outlet?: 'publication' | 'website' | null;
  categories?: string[];
  adoptionKinds?: string[];
};
export type RowValues = MatchValues & { key: string; label?: string; points: Amount; picturePoints?: Amount };
export type MultiplierValues = MatchValues & {
  key: string;
  label?: string;
  route?: 'forwarded' | 'direct' | null;
  factor: Amount;
};
export type QuotaValues = Omit<
  Quota,
  'basePoints' | 'extraPerItem' | 'extraCap' | 'shortPenaltyPerItem' | 'min'
> & {
  min: number | null;
  basePoints?: Amount;
  extraPerItem?: Amount;
  extraCap?: Amount;
  shortPenaltyPerItem?: Amount;
};

export type RuleSetFormValues = {
  name: string;
  period: [Dayjs, Dayjs] | null;
  note?: string | null;
  groups: RuleGroup[];
  rows: RowValues[];
  combine: 'sum' | 'max';
  multipliers: MultiplierValues[];
  joint: 'even' | 'share';
  submissionOn: boolean;
  submission: { points: Amount; categories?: string[]; cap?: Amount };
  forwarding: { key: string; label?: string; tiers: Tier[]; points: Amount }[];
  /** By level (`city`), or by level and leader rank (`city:principal`, `city:deputy`). */
  instructionPoints: Partial<Record<InstructionKey, Amount>>;
  instructionMode: 'sum' | 'once_per_level' | 'highest';
  commissions: {
    answeredPoints?: Amount;
    answeredCap?: Amount;
    latePenalty?: Amount;
    missedPenalty?: Amount;
  };
  penalties: { lateUrgent?: Amount; instructionOverdue?: Amount; instructionLate?: Amount };
  lowRateOn: boolean;
  lowRate: { belowPercent: number | null; period: PeriodKind; penalty: Amount };
  quotas: QuotaValues[];
  zeroOut: {
    key: string;
    label?: string;
    when: 'commissions_missed' | 'instructions_overdue';
    atLeast: number | null;
  }[];
  floor?: Amount;
  cap?: Amount;
};

export type InstructionKey = InstructionLevel | `${InstructionLevel}:${LeaderRank}`;
export const LEADER_RANKS: { value: LeaderRank; label: string }[] = [
  { value: 'principal', label: '主要领导' },
  { value: 'deputy', label: '分管领导' },
];
const instructionKey = (level: InstructionLevel, rank?: LeaderRank): InstructionKey =>
  rank ? `${level}:${rank}` : level;

const amount = (v: Amount): string | undefined => {
  if (v === null || v === undefined) return undefined;
  const t = String(v).trim();
  return t === '' ? undefined : t;
};
const list = <T>(xs: T[] | undefined | null): T[] | undefined => (xs?.length ? xs : undefined);
const label = (t: string | undefined | null) => t?.trim() || undefined;

function match(v: MatchValues) {
  return {
    publicationIds: list(v.publicationIds),
    tiers: list(v.tiers),
    adopterOfficeIds: list(v.adopterOfficeIds),
    publicationKinds: list(v.publicationKinds),
    outlet: v.outlet ?? undefined,
    categories: list(v.categories),
    adoptionKinds: list(v.adoptionKinds),
  };
}

/** Drops the keys whose value is undefined, so the JSON carries only what was set. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toRules(v: RuleSetFormValues): Rules {
  const instructionRows = INSTRUCTION_LEVELS.flatMap(({ value }) =>
    [undefined, ...LEADER_RANKS.map((r) => r.value)].flatMap((rank) => {
      const points = amount(v.instructionPoints?.[instructionKey(value, rank)]);
      return points === undefined ? [] : [compact({ level: value, rank, points })];
    }),
  );
  const commissions = compact({
    answeredPoints: amount(v.commissions?.answeredPoints),
    answeredCap: amount(v.commissions?.answeredCap),
    latePenalty: amount(v.commissions?.latePenalty),
    missedPenalty: amount(v.commissions?.missedPenalty),
  });
  const penalties = compact({
    lateUrgent: amount(v.penalties?.lateUrgent),
    instructionOverdue: amount(v.penalties?.instructionOverdue),
    instructionLate: amount(v.penalties?.instructionLate),
    lowAdoptionRate: v.lowRateOn
      ? {
          belowPercent: v.lowRate.belowPercent ?? 0,
          period: v.lowRate.period,
          penalty: amount(v.lowRate.penalty) ?? '',
        }
      : undefined,
  });
  return compact({
    groups: (v.groups ?? []).map((g) =>
      compact({
        code: g.code,
        name: g.name?.trim() ?? '',
        unitGroups: list(g.unitGroups),
        unitCategories: list(g.unitCategories),
        offices: g.offices || undefined,
        unitIds: list(g.unitIds),
      }),
    ),
    adoption: {
      rows: (v.rows ?? []).map(
        (r): AdoptionRow =>
          compact({
            key: r.key,
            label: label(r.label),
            ...match(r),
            points: amount(r.points) ?? '',
            picturePoints: amount(r.picturePoints),
          }),
      ),
      combine: v.combine,
      multipliers: (v.multipliers ?? []).map(
        (m): Multiplier =>
          compact({
            key: m.key,
            label: label(m.label),
            ...match(m),
            route: m.route ?? undefined,
            factor: amount(m.factor) ?? '',
          }),
      ),
    },
    joint: v.joint,
    forwarding: v.forwarding?.length
      ? {
          rows: v.forwarding.map((f) =>
            compact({
              key: f.key,
              label: label(f.label),
              tiers: f.tiers ?? [],
              points: amount(f.points) ?? '',
            }),
          ),
        }
      : undefined,
    submission: v.submissionOn
      ? compact({
          points: amount(v.submission?.points) ?? '',
          categories: list(v.submission?.categories),
          cap: amount(v.submission?.cap),
        })
      : undefined,
    instructions: instructionRows.length ? { rows: instructionRows, mode: v.instructionMode } : undefined,
    commissions: Object.keys(commissions).length ? commissions : undefined,
    penalties: Object.keys(penalties).length ? penalties : undefined,
    quotas: (v.quotas ?? []).map(
      (q): Quota =>
        compact({
          key: q.key,
          label: label(q.label),
          groups: list(q.groups),
          period: q.period,
          counts: q.counts,
          categories: list(q.categories),
          min: q.min ?? 0,
          basePoints: amount(q.basePoints),
          extraPerItem: amount(q.extraPerItem),
          extraCap: amount(q.extraCap),
          shortPenaltyPerItem: amount(q.shortPenaltyPerItem),
          requires: q.requires || undefined,
        }),
    ),
    zeroOut: (v.zeroOut ?? []).map((z) =>
      compact({ key: z.key, label: label(z.label), when: z.when, atLeast: z.atLeast ?? 0 }),
    ),
    floor: amount(v.floor),
    cap: amount(v.cap),
  });
}

export function fromRules(
  rules: Rules,
  meta: { name: string; periodStart: string; periodEnd: string; note?: string | null },
): RuleSetFormValues {
  const instructionPoints: RuleSetFormValues['instructionPoints'] = {};
  for (const r of rules.instructions?.rows ?? [])
    instructionPoints[instructionKey(r.level, r.rank)] = r.points;
  const low = rules.penalties?.lowAdoptionRate;
  return {
    name: meta.name,
    period: [dayjs(meta.periodStart), dayjs(meta.periodEnd)],
    note: meta.note ?? undefined,
    groups: rules.groups ?? [],
    rows: rules.adoption?.rows ?? [],
    combine: rules.adoption?.combine ?? 'sum',
    multipliers: rules.adoption?.multipliers ?? [],
    joint: rules.joint ?? 'even',
    submissionOn: Boolean(rules.submission),
    submission: rules.submission ?? { points: '0.5' },
    forwarding: rules.forwarding?.rows ?? [],
    instructionPoints,
    instructionMode: rules.instructions?.mode ?? 'once_per_level',
    commissions: rules.commissions ?? {},
    penalties: {
      lateUrgent: rules.penalties?.lateUrgent,
      instructionOverdue: rules.penalties?.instructionOverdue,
      instructionLate: rules.penalties?.instructionLate,
    },
    lowRateOn: Boolean(low),
    lowRate: low ?? { belowPercent: 20, period: 'quarter', penalty: '1' },
    quotas: rules.quotas ?? [],
    zeroOut: rules.zeroOut ?? [],
    floor: rules.floor,
    cap: rules.cap,
  };
}

export const valuesOf = (d: RuleSetDetail) => fromRules(d.rules, d);

/** The body of POST/PUT from the form. */
export function toInput(v: RuleSetFormValues): RuleSetInput {
  const [from, to] = v.period ?? [];
  return {
    name: v.name?.trim() ?? '',
    periodStart: from?.format('YYYY-MM-DD') ?? '',
    periodEnd: to?.format('YYYY-MM-DD') ?? '',
    note: v.note?.trim() || null,
    rules: toRules(v),
  };
}

/** Every rule key in use (rows, multipliers, forwarding, quotas, zero-outs share one namespace). */
export function usedKeys(v: Partial<RuleSetFormValues>): Set<string> {
  return new Set(
    [
      ...(v.rows ?? []),
      ...(v.multipliers ?? []),
      ...(v.forwarding ?? []),
      ...(v.quotas ?? []),
      ...(v.zeroOut ?? []),
    ]
      .map((r) => r?.key)
      .filter((k): k is string => Boolean(k)),
  );
}

/** The first free key of a prefix: r1, r2 … (kept once given, so ledger entries stay traceable). */
export function nextKey(prefix: string, used: Set<string>): string {
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A new rule set's starting point: a group per 考核分组, a row per own publication at 1 point. */
export function templateValues(input: {
  year: number;
  officeName: string | undefined;
  assessmentGroups: { code: string; label: string }[];
  ownPublications: { id: string; name: string }[];
  hasLowerOffices: boolean;
}): RuleSetFormValues {
  const groups: RuleGroup[] = [];
  if (input.hasLowerOffices) groups.push({ code: 'g1', name: '县（市、区）', offices: true });
  for (const g of input.assessmentGroups) {
    groups.push({
      code: nextKey('g', new Set(groups.map((x) => x.code))),
      name: g.label,
      unitGroups: [g.code],
    });
  }
  const used = new Set<string>();
  const rows: RowValues[] = input.ownPublications.map((p) => {
    const key = nextKey('r', used);
    used.add(key);
    return { key, label: p.name.slice(0, 60), publicationIds: [p.id], points: '1' };
  });
  const office = input.officeName?.replace(/人民政府办公(室|厅)$/, '') ?? '';
  return {
    ...fromRules(
      {
        groups,
        adoption: { rows: [], combine: 'sum', multipliers: [] },
        joint: 'even',
        quotas: [],
        zeroOut: [],
      },
      {
        name: `${input.year}年度${office}政务信息工作考核办法`.slice(0, 60),
        periodStart: `${input.year}-01-01`,
        periodEnd: `${input.year}-12-31`,
      },
    ),
    rows,
  };
}
