import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES, type ItemStatus, type Role } from '../../db/schema/index.ts';
import {
  allowedActions,
  type CallerFacts,
  checkTransition,
  type ItemAction,
  type ItemFacts,
  TRANSITIONS,
} from './workflow.ts';

/**
 * Property tests of the transition table alone: whatever sequence of actions by whichever
 * callers, the state machine keeps its invariants, and the actions offered to the UI are exactly
 * the ones the server accepts.
 */

// A small world: two units under a county office, which reports to a city office.
const U1 = 'unit-1';
const U2 = 'unit-2';
const COUNTY = 'office-county';
const CITY = 'office-city';

const CALLERS: { name: string; facts: CallerFacts }[] = [
  { name: 'reporter U1', facts: { roles: ['reporter'], unitIds: [U1] } },
  { name: 'signer U1', facts: { roles: ['unit_signer'], unitIds: [U1] } },
  { name: 'reporter+signer U1', facts: { roles: ['reporter', 'unit_signer'], unitIds: [U1] } },
  { name: 'reporter U2', facts: { roles: ['reporter'], unitIds: [U2] } },
  { name: 'signer U2', facts: { roles: ['unit_signer'], unitIds: [U2] } },
  { name: 'county editor', facts: { roles: ['editor'], unitIds: [COUNTY] } },
  { name: 'county chief', facts: { roles: ['chief_editor'], unitIds: [COUNTY] } },
  { name: 'city editor', facts: { roles: ['editor'], unitIds: [CITY] } },
  { name: 'leader', facts: { roles: ['leader'], unitIds: [COUNTY] } },
  { name: 'sysadmin', facts: { roles: ['sysadmin'], unitIds: [COUNTY] } },
];
const ACTIONS = [...new Set(TRANSITIONS.map((t) => t.action))] as ItemAction[];
const OFFICE_STAFF: Role[] = ['editor', 'chief_editor'];
const FINAL: ItemStatus[] = ['rejected', 'merged'];

type WorldItem = ItemFacts & { id: string };

const step = fc.record({
  item: fc.nat(),
  action: fc.constantFrom(...ACTIONS),
  caller: fc.nat({ max: CALLERS.length - 1 }),
});
const startStatus = fc.constantFrom<ItemStatus>('draft', 'pending_signoff', 'submitted', 'accepted');

/** Applies a step to the world as the server would, checking every invariant on the way. */
function play(start: ItemStatus, steps: { item: number; action: ItemAction; caller: number }[]) {
  const world: WorldItem[] = [
    {
      id: 'i0',
      status: start,
      officeId: COUNTY,
      submittingUnitId: U1,
      forwardedFromId: null,
      forwardedToId: null,
    },
  ];
  const forwards = new Map<string, number>();
  for (const s of steps) {
    const item = world[s.item % world.length];
    const caller = CALLERS[s.caller].facts;
    const before = item.status;
    const check = checkTransition(s.action, item, caller);
    // The UI offers exactly what the server accepts.
    expect(allowedActions(item, caller).includes(s.action)).toBe(check.ok);
    if (!check.ok) {
      expect([403, 409]).toContain(check.refusal.status);
      expect(check.refusal.message.length).toBeGreaterThan(0);
      continue;
    }
    const t = check.transition;
    expect(t.from).toContain(before);
    expect(FINAL).not.toContain(before);
    if (before === 'submitted') {
      // Only the receiving office's staff move an item out of its inbox.
      expect(caller.unitIds).toContain(item.officeId);
      expect(caller.roles.some((r) => OFFICE_STAFF.includes(r))).toBe(true);
    }
    if (s.action === 'forward') {
      forwards.set(item.id, (forwards.get(item.id) ?? 0) + 1);
      expect(forwards.get(item.id)).toBe(1);
      const copy: WorldItem = {
        id: `i${world.length}`,
        status: 'submitted',
        officeId: CITY,
        submittingUnitId: item.officeId,
        forwardedFromId: item.id,
        forwardedToId: null,
      };
      item.forwardedToId = copy.id;
      world.push(copy);
    }
    item.status = t.to ?? before;
    expect(ITEM_STATUSES).toContain(item.status);
  }
  return world;
}

describe('the transition table (property)', () => {
  it('keeps its invariants under any sequence of actions by any callers', () => {
    fc.assert(
      fc.property(startStatus, fc.array(step, { maxLength: 40 }), (start, steps) => {
        play(start, steps);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses everything on a final item', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FINAL),
        fc.constantFrom(...ACTIONS),
        fc.nat({ max: CALLERS.length - 1 }),
        fc.boolean(),
        (status, action, callerIndex, forwarded) => {
          const item: ItemFacts = {
            status,
            officeId: COUNTY,
            submittingUnitId: U1,
            forwardedFromId: forwarded ? 'lower' : null,
            forwardedToId: null,
          };
          const caller = CALLERS[callerIndex].facts;
          expect(checkTransition(action, item, caller).ok).toBe(false);
          expect(allowedActions(item, caller)).toEqual([]);
        },
      ),
    );
  });

  it('says 403 exactly when the caller has no role or unit for the action, whatever the state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_STATUSES),
        fc.constantFrom(...ACTIONS),
        fc.nat({ max: CALLERS.length - 1 }),
        (status, action, callerIndex) => {
          const item: ItemFacts = {
            status,
            officeId: COUNTY,
            submittingUnitId: U1,
            forwardedFromId: null,
            forwardedToId: null,
          };
          const caller = CALLERS[callerIndex].facts;
          const rows = TRANSITIONS.filter((t) => t.action === action && t.applies !== 'forwarded');
          const related = rows.some(
            (t) =>
              caller.unitIds.includes(t.relation === 'office' ? item.officeId : item.submittingUnitId) &&
              t.roles.some((r) => caller.roles.includes(r)),
          );
          const check = checkTransition(action, item, caller);
          if (!related) expect(check).toMatchObject({ ok: false, refusal: { status: 403 } });
          else if (!check.ok) expect(check.refusal.status).toBe(409);
        },
      ),
    );
  });
});
