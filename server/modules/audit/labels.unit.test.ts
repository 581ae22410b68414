import { describe, expect, it } from 'vitest';
import { actionLabel, describeDiff, targetTypeLabel } from './labels.ts';

describe('describeDiff', () => {
  it('shows before → after pairs with Chinese field names', () => {
    expect(describeDiff({ displayName: ['张三', '张三丰'], phone: ['139', null] })).toBe(
      '姓名：张三 → 张三丰；电话：139 → （空）',
    );
  });

  it('tells a change of a list field from a plain list', () => {
    expect(describeDiff({ roles: [['reporter'], ['unit_signer', 'reporter']] })).toBe(
      '角色：信息员 → 审核签发人、信息员',
    );
    expect(describeDiff({ units: ['汾阳市财政局', '汾阳市水务局'] })).toBe(
      '所属单位：汾阳市财政局、汾阳市水务局',
    );
    expect(describeDiff({ roles: [[], ['auditor']] })).toBe('角色：（无） → 审计员');
  });

  it('shows plain values, booleans, nested objects and unknown fields', () => {
    expect(describeDiff({ reason: '密码错误', attempts: 2 })).toBe('原因：密码错误；连续失败次数：2');
    expect(describeDiff({ mustChangePassword: true })).toBe('须修改密码：是');
    expect(describeDiff({ filter: { role: 'reporter' } })).toBe('筛选条件：{"role":"reporter"}');
    expect(describeDiff({ customField: 'x' })).toBe('customField：x');
  });

  it('leaves an empty diff empty', () => {
    expect(describeDiff(null)).toBe('');
    expect(describeDiff(undefined)).toBe('');
  });
});

describe('labels', () => {
  it('names known actions and target types, and falls back to the code', () => {
    expect(actionLabel('auth.login')).toBe('登录');
    expect(actionLabel('future.action')).toBe('future.action');
    expect(targetTypeLabel('user')).toBe('用户');
    expect(targetTypeLabel('item')).toBe('信息');
    expect(targetTypeLabel('future_type')).toBe('future_type');
    expect(targetTypeLabel(null)).toBe('');
  });
});
