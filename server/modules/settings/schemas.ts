import { z } from 'zod';

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `请填写${what}` })
    .int(`${what}须为整数`)
    .min(min, `${what}须在 ${min}–${max} 之间`)
    .max(max, `${what}须在 ${min}–${max} 之间`);

/** The fields of the security policy with the ranges a security administrator may set. */
export const securityPolicyFields = {
  passwordMinLength: int(8, 64, '密码最小长度'),
  passwordMinClasses: int(1, 4, '密码字符类别数'),
  lockoutThreshold: int(3, 20, '锁定阈值（连续失败次数）'),
  lockoutMinutes: int(1, 1440, '锁定时长（分钟）'),
  sessionIdleMinutes: int(5, 480, '空闲超时（分钟）'),
  sessionAbsoluteHours: int(1, 72, '会话最长时长（小时）'),
};

/** As read back: no ranges here, since the environment defaults may lie outside the editable ones. */
export const securityPolicySchema = z.object({
  passwordMinLength: z.number().int(),
  passwordMinClasses: z.number().int(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
  sessionIdleMinutes: z.number().int(),
  sessionAbsoluteHours: z.number().int(),
  version: z.number().int(),
});

export const updateSecurityPolicyBody = z
  .object({ ...securityPolicyFields, version: z.number({ error: '缺少版本号' }).int().min(0) })
  .refine((p) => p.sessionIdleMinutes < p.sessionAbsoluteHours * 60, {
    message: '空闲超时须短于会话最长时长',
    path: ['sessionIdleMinutes'],
  });
