import type { Tier } from './rules.ts';

/**
 * The facts scoring reads (docs/domain.md §3.2), as seen by one assessing office: every figure
 * of rankings, dashboards and notices is derived from these. Dates are Beijing calendar days
 * (YYYY-MM-DD). `credits` are the office's member units the fact counts for, with shares in
 * thousandths summing to 1000 (a 合报 has several).
 */

export type Credit = { unitId: string; shareMille: number };

type ItemRef = { itemId: string; serial: number; title: string; categoryCode: string; credits: Credit[] };

/** An item that reached the office (signed off by its unit). */
export type SubmissionFact = ItemRef & {
  kind: 'submission';
  on: string;
  /** 紧急信息 submitted later than the office's urgent limit after the event. */
  lateUrgent: boolean;
};

/** An adoption of the item (any copy up the forwarding chain) by one publication or the website. */
export type AdoptionFact = ItemRef & {
  kind: 'adoption';
  /** `${itemId}:${publicationId ?? 'website'}`: one per item and outlet. */
  id: string;
  on: string;
  outlet: 'publication' | 'website';
  publicationId: string | null;
  publicationName: string;
  publicationKind: string;
  /** The office that adopted it (owns the publication; the assessing office for its website). */
  adopterOfficeId: string;
  tier: Tier;
  /** forwarded: the assessing office forwarded its copy upward; direct otherwise. */
  route: 'forwarded' | 'direct';
  adoptionKind: string;
  pictures: number;
};

/** A copy of the item at an office above the assessing one (the chain carried it there). */
export type ForwardFact = ItemRef & {
  kind: 'forward';
  /** `${itemId}:${officeId}`. */
  id: string;
  on: string;
  officeName: string;
  tier: Tier;
};

/** A leader's instruction on the item (any copy up the chain). */
export type InstructionFact = ItemRef & {
  kind: 'instruction';
  id: string;
  on: string;
  level: string;
  /** 主要领导 or 分管（其他）领导, when recorded. */
  leaderRank: 'principal' | 'deputy' | null;
  leaderName: string;
};

/** An instruction assigned by the office to a unit for feedback. */
export type AssignmentFact = {
  kind: 'assignment';
  id: string;
  instructionId: string;
  unitId: string;
  /** The deadline day. */
  on: string;
  outcome: 'on_time' | 'late' | 'overdue' | 'pending';
  label: string;
};

/** A unit's answer to a commission (约稿) of the office. */
export type CommissionFact = {
  kind: 'commission';
  id: string;
  commissionId: string;
  unitId: string;
  /** The deadline day. */
  on: string;
  outcome: 'answered' | 'late' | 'declined' | 'missed' | 'pending';
  label: string;
};

/** 加减分登记: points the assessing office itself added to or took off a member. */
export type AdjustmentFact = {
  kind: 'adjustment';
  id: string;
  unitId: string;
  on: string;
  /** Signed, scaled (decimal.ts). */
  points: number;
  reason: string;
  basis: string | null;
};

export type Facts = {
  submissions: SubmissionFact[];
  adoptions: AdoptionFact[];
  forwards: ForwardFact[];
  instructions: InstructionFact[];
  assignments: AssignmentFact[];
  commissions: CommissionFact[];
  adjustments: AdjustmentFact[];
};

export const emptyFacts = (): Facts => ({
  submissions: [],
  adoptions: [],
  forwards: [],
  instructions: [],
  assignments: [],
  commissions: [],
  adjustments: [],
});
