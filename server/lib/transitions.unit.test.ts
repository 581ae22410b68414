import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema/index.ts';
import { defineMachine, type TransitionRow } from './transitions.ts';

type S = 'open' | 'done';
type A = 'close' | 'reopen' | 'note';
type Row = TransitionRow<S, A>;
type Facts = { status: S; ownerId: string; locked?: boolean };
type Caller = { unitId: string; roles: Role[] };

const rows: Row[] = [
  { action: 'close', label: '办结', from: ['open'], to: 'done', roles: ['editor'] },
  {
    action: 'reopen',
    label: '重新办理',
    from: ['done'],
    to: 'open',
    roles: ['chief_editor'],
    reasonRequired: true,
  },
  { action: 'note', label: '备注', from: ['open', 'done'], to: null, roles: ['editor', 'chief_editor'] },
];

const machine = defineMachine<S, A, Row, Facts, Caller, { force?: boolean }>({
  rows,
  statusLabels: { open: '办理中', done: '已办结' },
  subject: '此批示',
  stateSubject: '批示',
  statusOf: (f) => f.status,
  permits: (row, f, c) => c.unitId === f.ownerId && row.roles.some((r) => c.roles.includes(r)),
  guard: (row, f, _c, o) =>
    row.action === 'close' && f.locked && !o.force ? { status: 409, message: '已锁定' } : null,
});

const editor: Caller = { unitId: 'u1', roles: ['editor'] };

describe('defineMachine', () => {
  it('refuses a caller without the role or relation with 403 before looking at the status', () => {
    expect(machine.check('reopen', { status: 'open', ownerId: 'u1' }, editor)).toEqual({
      ok: false,
      refusal: { status: 403, message: '您无权对此批示执行“重新办理”' },
    });
    expect(machine.check('close', { status: 'done', ownerId: 'u2' }, editor)).toMatchObject({
      refusal: { status: 403 },
    });
  });

  it('refuses a permitted action in the wrong status with 409 naming the status', () => {
    expect(machine.check('close', { status: 'done', ownerId: 'u1' }, editor)).toEqual({
      ok: false,
      refusal: { status: 409, message: '批示当前状态为“已办结”，不能执行“办结”' },
    });
  });

  it('runs the guard last, with the options', () => {
    const facts: Facts = { status: 'open', ownerId: 'u1', locked: true };
    expect(machine.check('close', facts, editor)).toMatchObject({
      refusal: { status: 409, message: '已锁定' },
    });
    expect(machine.check('close', facts, editor, { force: true })).toMatchObject({
      ok: true,
      transition: rows[0],
    });
  });

  it('lists the allowed actions in table order, once each', () => {
    expect(machine.allowed({ status: 'open', ownerId: 'u1' }, editor)).toEqual(['close', 'note']);
    expect(
      machine.allowed({ status: 'done', ownerId: 'u1' }, { unitId: 'u1', roles: ['editor', 'chief_editor'] }),
    ).toEqual(['reopen', 'note']);
    expect(machine.allowed({ status: 'done', ownerId: 'u9' }, editor)).toEqual([]);
  });
});
