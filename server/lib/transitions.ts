import type { Role } from '../db/schema/index.ts';

/**
 * The one way a record's status changes: a transition table (rows of action, from-statuses,
 * to-status, roles) and the checks every state machine of the product runs in the same order —
 * the caller's role and relation to the record (403), then the record's status (409), then the
 * machine's own guards. The item workflow, the issue workflow and every later one (批示, 通报 …)
 * are tables given to `defineMachine`. Pure: the web imports the machines to draw buttons.
 */

export type Refusal = { status: 403 | 409; message: string };

export type TransitionRow<S extends string, A extends string> = {
  action: A;
  label: string;
  from: readonly S[];
  /** `null`: the status does not change. */
  to: S | null;
  roles: readonly Role[];
  reasonRequired?: boolean;
};

export type CheckResult<R> = { ok: true; transition: R } | { ok: false; refusal: Refusal };

export type MachineSpec<S extends string, A extends string, R extends TransitionRow<S, A>, F, C, O> = {
  rows: readonly R[];
  statusLabels: Record<S, string>;
  /** How refusals name the record: “您无权对{subject}执行…”, “{stateSubject}当前状态为…”. */
  subject: string;
  stateSubject: string;
  statusOf: (facts: F) => S;
  /** Whether a row concerns this record at all (e.g. originals vs forwarded copies). */
  applies?: (row: R, facts: F) => boolean;
  /** Whether the caller's roles and relation to the record allow the row. */
  permits: (row: R, facts: F, caller: C) => boolean;
  /** A further 403 once the row is permitted (e.g. a designated signer). */
  authorise?: (row: R, facts: F, caller: C) => Refusal | null;
  /** The 409 message when the status does not allow the row, when the default does not fit. */
  stateMessage?: (row: R, facts: F) => string | null;
  /** Refusals once role and status pass (e.g. forwarded only once). */
  guard?: (row: R, facts: F, caller: C, options: O) => Refusal | null;
};

export type Machine<S extends string, A extends string, R extends TransitionRow<S, A>, F, C, O> = {
  rows: readonly R[];
  check: (action: A, facts: F, caller: C, options?: O) => CheckResult<R>;
  /** Every action the caller may take now, in table order; the UI draws exactly these buttons. */
  allowed: (facts: F, caller: C, options?: O) => A[];
};

export function defineMachine<
  S extends string,
  A extends string,
  R extends TransitionRow<S, A>,
  F,
  C,
  O = object,
>(spec: MachineSpec<S, A, R, F, C, O>): Machine<S, A, R, F, C, O> {
  const check = (action: A, facts: F, caller: C, options?: O): CheckResult<R> => {
    const label = spec.rows.find((t) => t.action === action)?.label ?? '不支持的操作';
    const rows = spec.rows.filter((t) => t.action === action && (spec.applies?.(t, facts) ?? true));
    const permitted = rows.filter((t) => spec.permits(t, facts, caller));
    if (permitted.length === 0) {
      return { ok: false, refusal: { status: 403, message: `您无权对${spec.subject}执行“${label}”` } };
    }
    for (const row of permitted) {
      const refusal = spec.authorise?.(row, facts, caller);
      if (refusal) return { ok: false, refusal };
    }
    const status = spec.statusOf(facts);
    const row = permitted.find((t) => t.from.includes(status));
    if (!row) {
      const message =
        spec.stateMessage?.(permitted[0]!, facts) ??
        `${spec.stateSubject}当前状态为“${spec.statusLabels[status]}”，不能执行“${label}”`;
      return { ok: false, refusal: { status: 409, message } };
    }
    const refusal = spec.guard?.(row, facts, caller, options ?? ({} as O));
    if (refusal) return { ok: false, refusal };
    return { ok: true, transition: row };
  };
  const allowed = (facts: F, caller: C, options?: O): A[] => {
    const out: A[] = [];
    for (const t of spec.rows) {
      if (!out.includes(t.action) && check(t.action, facts, caller, options).ok) out.push(t.action);
    }
    return out;
  };
  return { rows: spec.rows, check, allowed };
}
