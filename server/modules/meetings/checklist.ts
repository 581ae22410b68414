import type { MeetingKind } from '../../db/schema/index.ts';
import { CHECKLIST_PHASES, type ChecklistPhase, DEFAULT_CHECKLISTS, PHASE_LABELS } from './labels.ts';

/**
 * A meeting's support checklist as stored in `meetings.checklist`: per phase (会前调试、会中保障、
 * 会后维护) the items in order, each ticked or not, and who ticked it when.
 */
export type ChecklistItem = {
  label: string;
  done: boolean;
  doneByName: string | null;
  doneAt: string | null;
};
export type Checklist = Record<ChecklistPhase, ChecklistItem[]>;
/** What a form sends: labels and ticks; who and when are the server's. */
export type ChecklistInput = Record<ChecklistPhase, { label: string; done: boolean }[]>;

export function defaultChecklist(kind: MeetingKind): Checklist {
  const d = DEFAULT_CHECKLISTS[kind];
  const items = (labels: string[]) =>
    labels.map((label) => ({ label, done: false, doneByName: null, doneAt: null }));
  return { before: items(d.before), during: items(d.during), after: items(d.after) };
}

/** The stored JSON read back; anything malformed is left out rather than trusted. */
export function checklistOf(json: unknown): Checklist {
  const src = (json ?? {}) as Record<string, unknown>;
  const out = { before: [], during: [], after: [] } as Checklist;
  for (const phase of CHECKLIST_PHASES) {
    const list = Array.isArray(src[phase]) ? (src[phase] as Record<string, unknown>[]) : [];
    out[phase] = list
      .filter((i) => i && typeof i.label === 'string')
      .map((i) => ({
        label: i.label as string,
        done: i.done === true,
        doneByName: typeof i.doneByName === 'string' ? i.doneByName : null,
        doneAt: typeof i.doneAt === 'string' ? i.doneAt : null,
      }));
  }
  return out;
}

/**
 * The checklist after a save: an item ticked before keeps who ticked it and when; an item ticked
 * now is the caller's; an unticked item has neither. Items are matched by phase and label.
 */
export function mergeChecklist(before: Checklist, input: ChecklistInput, by: string, at: Date): Checklist {
  const out = { before: [], during: [], after: [] } as Checklist;
  for (const phase of CHECKLIST_PHASES) {
    const old = new Map(before[phase].map((i) => [i.label, i]));
    out[phase] = input[phase].map(({ label, done }) => {
      const was = old.get(label);
      if (!done) return { label, done: false, doneByName: null, doneAt: null };
      if (was?.done) return { ...was, label };
      return { label, done: true, doneByName: by, doneAt: at.toISOString() };
    });
  }
  return out;
}

export function progressOf(c: Checklist): { done: number; total: number } {
  const all = CHECKLIST_PHASES.flatMap((p) => c[p]);
  return { done: all.filter((i) => i.done).length, total: all.length };
}

/** The items whose tick changed, for the audit log: `会前调试·检查视频线路: 已完成`. */
export function tickChanges(before: Checklist, after: Checklist): Record<string, string> {
  const out: Record<string, string> = {};
  for (const phase of CHECKLIST_PHASES) {
    const old = new Map(before[phase].map((i) => [i.label, i]));
    const now = new Set(after[phase].map((i) => i.label));
    for (const item of after[phase]) {
      const was = old.get(item.label);
      if (!was) out[`${PHASE_LABELS[phase]}·${item.label}`] = item.done ? '新增（已完成）' : '新增';
      else if (was.done !== item.done)
        out[`${PHASE_LABELS[phase]}·${item.label}`] = item.done ? '已完成' : '取消完成';
    }
    for (const item of before[phase])
      if (!now.has(item.label)) out[`${PHASE_LABELS[phase]}·${item.label}`] = '删除';
  }
  return out;
}

/** The checklist as the API shows it: the phases in order with their Chinese names. */
export function presentChecklist(c: Checklist) {
  return CHECKLIST_PHASES.map((phase) => ({
    phase,
    label: PHASE_LABELS[phase],
    items: c[phase].map((i) => ({ ...i, doneAt: i.doneAt ? new Date(i.doneAt) : null })),
  }));
}
