import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** The shapes of server/modules/assessment/schemas.ts as JSON. Amounts are decimal strings ("0.5"). */
export type RuleSetStatus = 'draft' | 'active' | 'superseded';

export type RuleSetSummary = {
  id: string;
  seriesId: string;
  versionNo: number;
  officeId: string;
  officeName: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  status: RuleSetStatus;
  statusLabel: string;
  note: string | null;
  createdByName: string;
  createdAt: string;
  activatedAt: string | null;
  activatedByName: string | null;
  version: number;
  computedAt: string | null;
};

export type RuleSetDetail = RuleSetSummary & {
  rules: Rules;
  explanation: string[];
  problems: string[];
  versions: RuleSetSummary[];
  canEdit: boolean;
  canActivate: boolean;
  canNewVersion: boolean;
};

export type Tier = 'own' | 'city' | 'province' | 'national' | 'other';
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export type InstructionLevel = 'state_council' | 'province' | 'city' | 'county' | 'township';
export type LeaderRank = 'principal' | 'deputy';

type AdoptionMatch = {
  publicationIds?: string[];
  tiers?: Tier[];
  /** The adopting offices: 中办 apart from 国办. */
  adopterOfficeIds?: string[];
  publicationKinds?: string[];
  outlet?: 'publication' | 'website';
  categories?: string[];
  adoptionKinds?: string[];
};
export type AdoptionRow = AdoptionMatch & {
  key: string;
  label?: string;
  points: string;
  picturePoints?: string;
};
export type Multiplier = AdoptionMatch & {
  key: string;
  label?: string;
  route?: 'forwarded' | 'direct';
  factor: string;
};
export type RuleGroup = {
  code: string;
  name: string;
  unitGroups?: string[];
  unitCategories?: string[];
  offices?: boolean;
  unitIds?: string[];
};
export type Quota = {
  key: string;
  label?: string;
  groups?: string[];
  period: PeriodKind;
  counts: 'submitted' | 'adopted';
  categories?: string[];
  min: number;
  basePoints?: string;
  extraPerItem?: string;
  extraCap?: string;
  shortPenaltyPerItem?: string;
  /** Another quota's key that must be met too (its periods overlapping this one). */
  requires?: string;
};

/** engine/rules.ts as JSON. */
export type Rules = {
  groups: RuleGroup[];
  adoption: { rows: AdoptionRow[]; combine: 'sum' | 'max'; multipliers: Multiplier[] };
  joint: 'even' | 'share';
  forwarding?: { rows: { key: string; label?: string; tiers: Tier[]; points: string }[] };
  submission?: { points: string; categories?: string[]; cap?: string };
  instructions?: {
    rows: { level: InstructionLevel; rank?: LeaderRank; points: string }[];
    mode: 'sum' | 'once_per_level' | 'highest';
  };
  commissions?: {
    answeredPoints?: string;
    answeredCap?: string;
    latePenalty?: string;
    missedPenalty?: string;
  };
  penalties?: {
    lateUrgent?: string;
    instructionOverdue?: string;
    instructionLate?: string;
    lowAdoptionRate?: { belowPercent: number; period: PeriodKind; penalty: string };
  };
  quotas: Quota[];
  zeroOut: {
    key: string;
    label?: string;
    when: 'commissions_missed' | 'instructions_overdue';
    atLeast: number;
  }[];
  floor?: string;
  cap?: string;
};

export type RankingRow = {
  rank: number;
  unitId: string;
  unitName: string;
  submitted: number;
  adoptedOwn: string;
  adoptedUpper: string;
  adoptedItems: number;
  adoptionRate: number | null;
  points: string;
  cumulative: string;
  noSubmissions: boolean;
  noAdoptions: boolean;
};

export type Ranking = {
  office: { id: string; name: string };
  ruleSet: {
    id: string;
    name: string;
    versionNo: number;
    status: RuleSetStatus;
    periodStart: string;
    periodEnd: string;
  };
  computedAt: string | null;
  range: { from: string; to: string };
  groups: { code: string; name: string; rows: RankingRow[] }[];
  totals: { submitted: number; adoptedOwn: string; adoptedUpper: string; points: string };
  allUnits: boolean;
};

export type EntryKind =
  | 'submission'
  | 'late_urgent'
  | 'forward'
  | 'adoption'
  | 'instruction'
  | 'commission'
  | 'assignment'
  | 'adjustment'
  | 'quota'
  | 'adoption_rate'
  | 'zero_out'
  | 'floor'
  | 'cap';

export type LedgerEntry = {
  id: number;
  on: string;
  kind: EntryKind;
  kindLabel: string;
  ruleKey: string | null;
  factId: string | null;
  itemId: string | null;
  itemSerial: number | null;
  link: string | null;
  quantity: string;
  points: string;
  detail: string;
};

export type Entries = {
  unit: { id: string; name: string };
  ruleSet: { id: string; name: string; versionNo: number };
  entries: LedgerEntry[];
  total: string;
  truncated: boolean;
};

export type Preview = {
  problems: string[];
  explanation: string[];
  compareWith: { id: string; name: string; versionNo: number } | null;
  groups: {
    code: string;
    name: string;
    rows: {
      unitId: string;
      unitName: string;
      points: string;
      rank: number;
      beforePoints: string | null;
      beforeRank: number | null;
      moved: boolean;
    }[];
  }[];
};

export type RankingParams = { officeId?: string; ruleSetId?: string; from: string; to: string };

const qs = (p: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => Boolean(e[1]))).toString();

export const rankingExportUrl = (p: RankingParams) => `/api/assessment/ranking.xlsx?${qs(p)}`;

export const entriesExportUrl = (p: {
  ruleSetId: string;
  unitId: string;
  from: string;
  to: string;
  kind?: string;
}) => `/api/assessment/entries.xlsx?${qs(p)}`;

/**
 * GET /api/assessment/<path>?<params>, cached under ['assessment', path, params] (so the rule-set
 * mutations refresh it) and idle while params is null. By default the previous figures stay on
 * screen while the next period loads.
 */
function useAssessmentQuery<T>(
  path: string,
  p: Record<string, string | undefined> | null,
  { keepPrevious = true }: { keepPrevious?: boolean } = {},
) {
  return useQuery({
    queryKey: ['assessment', path, p],
    queryFn: () => api<T>('GET', `/api/assessment/${path}?${qs(p ?? {})}`),
    enabled: p !== null,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

export function useRanking(p: RankingParams | null) {
  return useAssessmentQuery<Ranking>('ranking', p);
}

export function useEntries(
  p: { ruleSetId: string; unitId: string; from: string; to: string; kind?: EntryKind } | null,
) {
  return useAssessmentQuery<Entries>('entries', p, { keepPrevious: false });
}

export function useRuleSets(officeId?: string) {
  return useQuery({
    queryKey: ['assessment', 'rule-sets', officeId ?? null],
    queryFn: () => api<RuleSetSummary[]>('GET', `/api/assessment/rule-sets?${qs({ officeId })}`),
  });
}

export function useRuleSet(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'rule-set', id],
    queryFn: () => api<RuleSetDetail>('GET', `/api/assessment/rule-sets/${id}`),
    enabled: Boolean(id),
  });
}

export type RuleSetInput = {
  name: string;
  periodStart: string;
  periodEnd: string;
  rules: Rules;
  note?: string | null;
  officeId?: string;
};

/** Every change to rule sets invalidates the assessment's queries (rankings included). */
export function useRuleSetMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  return {
    create: useMutation({
      mutationFn: (input: RuleSetInput) => api<RuleSetDetail>('POST', '/api/assessment/rule-sets', input),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, ...input }: RuleSetInput & { id: string; version: number }) =>
        api<RuleSetDetail>('PUT', `/api/assessment/rule-sets/${id}`, input),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api<void>('DELETE', `/api/assessment/rule-sets/${id}?version=${version}`),
      onSuccess: done,
    }),
    newVersion: useMutation({
      mutationFn: (id: string) => api<RuleSetDetail>('POST', `/api/assessment/rule-sets/${id}/versions`),
      onSuccess: done,
    }),
    activate: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api<RuleSetDetail>('POST', `/api/assessment/rule-sets/${id}/activate`, { version }),
      onSuccess: done,
    }),
    recompute: useMutation({
      mutationFn: (id: string) => api<RuleSetDetail>('POST', `/api/assessment/rule-sets/${id}/recompute`),
      onSuccess: done,
    }),
  };
}

export function usePreview() {
  return useMutation({
    mutationFn: (input: {
      officeId?: string;
      rules: Rules;
      periodStart: string;
      periodEnd: string;
      from: string;
      to: string;
      compareWith?: string;
    }) => api<Preview>('POST', '/api/assessment/preview', input),
  });
}

export type AssessmentOffice = {
  id: string;
  name: string;
  relation: 'staff' | 'leader' | 'member';
  ownUnitIds: string[];
};

export function useAssessmentOffices() {
  return useQuery({
    queryKey: ['assessment', 'offices'],
    queryFn: () => api<AssessmentOffice[]>('GET', '/api/assessment/offices'),
    staleTime: 300_000,
  });
}

/** GET /api/assessment/statistics: counts are numbers (a 合报 share counts in part), points decimal strings. */
export type StatisticsUnit = {
  unitId: string;
  unitName: string;
  groupCode: string;
  groupName: string;
  rank: number;
  submitted: number;
  adoptedOwn: number;
  adoptedUpper: number;
  adoptedItems: number;
  adoptionRate: number | null;
  points: string;
};

export type Statistics = {
  office: { id: string; name: string };
  ruleSet: { id: string; name: string; versionNo: number; status: RuleSetStatus };
  computedAt: string | null;
  range: { from: string; to: string };
  allUnits: boolean;
  totals: {
    members: number;
    reported: number;
    submitted: number;
    adoptedOwn: number;
    adoptedUpper: number;
    adoptedItems: number;
    adoptionRate: number | null;
    points: string;
  };
  months: { month: string; submitted: number; adoptedOwn: number; adoptedUpper: number; points: string }[];
  groups: {
    code: string;
    name: string;
    members: number;
    reported: number;
    submitted: number;
    adoptedItems: number;
    adoptionRate: number | null;
    points: string;
  }[];
  units: StatisticsUnit[];
  silent: { unitId: string; unitName: string; groupName: string }[];
  outlets: { key: string; name: string; outlet: 'own' | 'upper'; adoptions: number; points: string }[];
  upward: {
    officeName: string;
    ruleSetName: string;
    versionNo: number;
    adoptions: number;
    points: string;
    rank: number | null;
    peers: number;
    outlets: { name: string; adoptions: number; points: string }[];
  } | null;
  unit: {
    unitId: string;
    unitName: string;
    groupName: string;
    rank: number | null;
    peers: number;
    months: { month: string; submitted: number; adopted: number; points: string; rank: number | null }[];
  } | null;
};

export type StatisticsParams = RankingParams & { unitId?: string };

export const statisticsExportUrl = (p: StatisticsParams) =>
  `/api/assessment/statistics.xlsx?${qs({ ...p, unitId: undefined })}`;

export function useStatistics(p: StatisticsParams | null) {
  return useAssessmentQuery<Statistics>('statistics', p);
}
