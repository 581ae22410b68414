import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../db/schema/auth.ts';
import { ADMIN_ROLES, BUSINESS_ROLES } from '../../lib/roles.ts';
import { roleSetViolation } from './role-rules.ts';

describe('roleSetViolation (三员分立)', () => {
  it('allows business roles together, one admin role alone, and no role at all', () => {
    expect(roleSetViolation([...BUSINESS_ROLES])).toBeNull();
    for (const r of ADMIN_ROLES) expect(roleSetViolation([r])).toBeNull();
    expect(roleSetViolation([])).toBeNull();
  });

  it('refuses two admin roles, and an admin role beside a business role', () => {
    expect(roleSetViolation(['sysadmin', 'auditor'])).toContain('只能担任一种管理员角色');
    expect(roleSetViolation(['secadmin', 'reporter'])).toContain('不能与业务角色兼任');
  });

  it('accepts a set exactly when it holds no admin role, or a single role', () => {
    fc.assert(
      fc.property(fc.subarray([...ROLES]), (roles) => {
        const admins = roles.filter((r) => ADMIN_ROLES.includes(r)).length;
        const allowed = admins === 0 || roles.length === 1;
        expect(roleSetViolation(roles) === null).toBe(allowed);
      }),
    );
  });
});
