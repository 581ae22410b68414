import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemStatus } from '../../db/schema/index.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { act, makeItem, orgByCode, publicationByName, snapshot } from './test-factory.ts';
import { TRANSITIONS } from './workflow.ts';
import { TRANSITION_ACTIONS } from './workflow-schemas.ts';

/**
 * The state machine against the real API: random actions by random demo users on a few items.
 * Every answer is one of the expected codes, a refused action changes nothing, and the status
 * always equals the `to` of the last successful transition.
 */

const USERS = ['fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'editor', 'chief', 'll_editor', 'll_chief'] as const;
type User = (typeof USERS)[number];
const ACTIONS = [...TRANSITION_ACTIONS, 'record_adoption'] as const;
type Action = (typeof ACTIONS)[number];
const EXPECTED_CODES = [200, 201, 400, 403, 404, 409];

let t: TestApp;
const sessions = new Map<string, Session>();
/** Per office id: its own publication (accept target) and one above it (adoption target). */
const publicationsOf = new Map<string, { own: string; upper: string }>();

beforeAll(async () => {
  t = await createTestApp();
  for (const u of USERS) sessions.set(u, await login(t.app, u));
  const id = async (name: string) => (await publicationByName(t, name)).id;
  const fy = await id('汾阳政务信息');
  const ll = await id('吕梁政务信息●普刊');
  const sx = await id('晋政信息●普刊');
  publicationsOf.set((await orgByCode(t, 'fy')).id, { own: fy, upper: sx });
  publicationsOf.set((await orgByCode(t, 'll')).id, { own: ll, upper: sx });
  publicationsOf.set((await orgByCode(t, 'sx')).id, { own: sx, upper: fy });
});
afterAll(() => t.close());

const step = fc.record({
  item: fc.nat(),
  user: fc.constantFrom(...USERS),
  action: fc.constantFrom(...ACTIONS),
  /** Mostly take an action the server offers someone, so that long paths get walked. */
  offered: fc.option(fc.nat(), { nil: undefined, freq: 4 }),
  staleVersion: fc.nat({ max: 4 }).map((n) => n === 0),
  reason: fc.option(fc.constantFrom('请补充数据', '内容重复', '已修改'), { nil: undefined, freq: 4 }),
  /** right: the publication the action needs; wrong: another office's; none: left out. */
  publication: fc.constantFrom('right', 'right', 'right', 'wrong', 'none'),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Where an item's status must go after the action succeeded. */
function successor(action: Action, from: ItemStatus): ItemStatus {
  const row = TRANSITIONS.find((r) => r.action === action && r.from.includes(from));
  return row?.to ?? from;
}

/**
 * The step's user and action, or — for an `offered` step — the first user (from the step's) to
 * whom the server offers an action on this item, and one of those actions.
 */
async function choose(s: Step, itemId: string): Promise<{ user: User; action: Action }> {
  if (s.offered === undefined) return { user: s.user, action: s.action };
  const from = USERS.indexOf(s.user);
  for (let i = 0; i < USERS.length; i++) {
    const user = USERS[(from + i) % USERS.length];
    const res = await sessions.get(user)!.request('GET', `/api/items/${itemId}`);
    if (res.statusCode !== 200) continue;
    const offered = (res.json().actions as string[]).filter((a): a is Action =>
      (ACTIONS as readonly string[]).includes(a),
    );
    if (offered.length) return { user, action: offered[s.offered % offered.length] };
  }
  return { user: s.user, action: s.action };
}

function send(s: Step, user: User, action: Action, item: { id: string; version: number; officeId: string }) {
  const session = sessions.get(user)!;
  const pubs = publicationsOf.get(item.officeId)!;
  const wanted = action === 'record_adoption' ? pubs.upper : pubs.own;
  const wrong = action === 'record_adoption' ? pubs.own : pubs.upper;
  const publicationId = s.publication === 'right' ? wanted : s.publication === 'wrong' ? wrong : undefined;
  if (action === 'record_adoption') {
    return session.request('POST', `/api/items/${item.id}/adoptions`, {
      publicationId,
      adoptionKind: '全文采用',
      adoptedOn: '2025-05-20',
    });
  }
  const version = s.staleVersion ? item.version + 1 : item.version;
  return act(session, { id: item.id, version }, action, {
    reason: s.reason,
    targetPublicationId: publicationId,
  });
}

describe('the workflow against the API (property)', () => {
  it('answers with an expected code, changes nothing on refusal, and follows the table on success', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ItemStatus>('draft', 'pending_signoff', 'submitted', 'accepted'),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        async (start, steps) => {
          const first = await makeItem(t, { status: start });
          const pool: string[] = [first.id];
          const expected = new Map<string, ItemStatus>([[first.id, start]]);
          for (const s of steps) {
            const itemId = pool[s.item % pool.length];
            const { user, action } = await choose(s, itemId);
            const before = await snapshot(t, itemId);
            const res = await send(s, user, action, before.row);
            expect(EXPECTED_CODES, res.body).toContain(res.statusCode);
            const after = await snapshot(t, itemId);
            if (res.statusCode >= 400) {
              expect(after).toEqual(before);
              expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
            } else {
              expect(after.events).toBe(before.events + 1);
              expected.set(itemId, successor(action, before.row.status));
              expect(res.json().status).toBe(expected.get(itemId));
              if (action === 'forward') {
                expect(after.row.forwardedToId).not.toBeNull();
                pool.push(after.row.forwardedToId!);
                expected.set(after.row.forwardedToId!, 'submitted');
              }
            }
            for (const id of pool) expect((await snapshot(t, id)).row.status).toBe(expected.get(id));
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 600_000);
});
