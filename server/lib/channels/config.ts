import { z } from 'zod';
import { badRequest } from '../errors.ts';

export type SmsConfig = {
  enabled: boolean;
  url: string;
  /** JSON body template; placeholders {{phone}} {{sign}} {{templateCode}} {{content}} are replaced with JSON-escaped values */
  bodyTemplate: string;
  headers?: Record<string, string>;
  signName: string;
  templateCode: string;
  /** a JSON path like "code" and the value meaning success, e.g. "OK" or "0"; when absent any 2xx is success */
  successField?: string;
  successValue?: string;
};
export type EmailConfig = {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
};
export type RobotConfig = {
  enabled: boolean;
  webhookUrl: string;
  /** DingTalk only: the 加签 secret (SEC…) */
  secret?: string;
};
export type ChannelsConfig = {
  sms?: SmsConfig;
  email?: EmailConfig;
  wecom?: RobotConfig;
  dingtalk?: RobotConfig;
};

export const SMS_PLACEHOLDERS = ['phone', 'sign', 'templateCode', 'content'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];

/** Fills the SMS body template; each value is JSON-escaped, so a placeholder belongs inside quotes. */
export function fillSmsTemplate(template: string, values: Record<SmsPlaceholder, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? JSON.stringify(values[name as SmsPlaceholder]).slice(1, -1) : whole,
  );
}

/** What a redacted secret shows instead of its value. */
export const REDACTED = '******';

const SENSITIVE_HEADER = /auth|token|key|secret|passw|sign|cookie|credential|session/i;
const SENSITIVE_QUERY =
  /([?&](?:key|access_?token|token|secret|sign|signature|api_?key|app_?key|app_?secret|password|passwd)=)[^&#]*/gi;

/** Hides secret query parameters (WeCom `key`, DingTalk `access_token`, …) and URL passwords. */
export function redactUrl(url: string): string {
  return url
    .replace(/^(https?:\/\/[^/?#@:]*:)[^/?#@]*@/i, `$1${REDACTED}@`)
    .replace(SENSITIVE_QUERY, `$1${REDACTED}`);
}

const codePoints = (s: string) => [...s].length;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = () =>
  z
    .string({ error: '必须填写' })
    .trim()
    .min(1, '必须填写')
    .refine(isHttpUrl, '必须是以 http:// 或 https:// 开头的有效地址');

const enabled = () => z.boolean({ error: '必须是“是”或“否”' });

const sampleValues: Record<SmsPlaceholder, string> = {
  phone: '13800000000',
  sign: '信报',
  templateCode: 'SMS_0',
  content: '【信报】测试"引号"\n换行',
};

const smsSchema = z
  .object({
    enabled: enabled(),
    url: httpUrl(),
    bodyTemplate: z
      .string({ error: '必须填写' })
      .trim()
      .min(1, '必须填写')
      .superRefine((template, ctx) => {
        const names = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
        const unknown = names.filter((n) => !(SMS_PLACEHOLDERS as readonly string[]).includes(n));
        if (unknown.length) {
          ctx.addIssue({
            code: 'custom',
            message: `不认识的占位符 {{${unknown[0]}}}（可用：{{phone}} {{sign}} {{templateCode}} {{content}}）`,
          });
          return;
        }
        for (const required of ['phone', 'content']) {
          if (!names.includes(required))
            ctx.addIssue({ code: 'custom', message: `缺少占位符 {{${required}}}` });
        }
        try {
          JSON.parse(fillSmsTemplate(template, sampleValues));
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: '替换占位符后不是有效的 JSON（占位符应写在双引号内，如 "{{content}}"）',
          });
        }
      }),
    headers: z
      .record(
        z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, '请求头名称只能包含字母、数字和 - 等符号'),
        z
          .string({ error: '请求头的值必须是文字' })
          .refine((v) => !/[\r\n\0]/.test(v), '请求头的值不能包含换行'),
        { error: '必须是“名称: 值”的列表' },
      )
      .optional(),
    signName: z
      .string({ error: '必须填写' })
      .trim()
      .min(1, '必须填写')
      .refine((v) => codePoints(v) <= 20, '不能超过 20 个字')
      .refine((v) => !/[【】]/.test(v), '只填写签名文字，不要带【】'),
    templateCode: z.string({ error: '必须是文字' }).trim().max(100, '不能超过 100 个字符'),
    successField: z
      .string({ error: '必须是文字' })
      .trim()
      .regex(/^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/, '必须是字段路径，如 code 或 result.code')
      .optional(),
    successValue: z.string({ error: '必须是文字' }).trim().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.successField === undefined) !== (v.successValue === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.successField === undefined ? 'successField' : 'successValue'],
        message: '成功标志字段和成功标志值要一起填写，或都不填（此时任何 2xx 应答都算成功）',
      });
    }
  });

const emailSchema = z
  .object({
    enabled: enabled(),
    host: z
      .string({ error: '必须填写' })
      .trim()
      .min(1, '必须填写')
      .regex(
        /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:.]+\]?)$/,
        '只填写主机名或 IP 地址，如 smtp.example.gov.cn',
      ),
    port: z
      .number({ error: '必须是 1–65535 之间的整数' })
      .int('必须是 1–65535 之间的整数')
      .min(1, '必须是 1–65535 之间的整数')
      .max(65535, '必须是 1–65535 之间的整数'),
    secure: z.boolean({ error: '必须是“是”或“否”' }),
    user: z.string({ error: '必须是文字' }).trim().optional(),
    password: z.string({ error: '必须是文字' }).optional(),
    from: z
      .string({ error: '必须填写' })
      .trim()
      .min(1, '必须填写')
      .regex(
        /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        '必须是邮箱地址，如 信报 <xinbao@example.gov.cn>',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.password && !v.user)
      ctx.addIssue({ code: 'custom', path: ['user'], message: '填写了密码时必须填写用户名' });
  });

const wecomSchema = z.object({ enabled: enabled(), webhookUrl: httpUrl() });

const dingtalkSchema = z.object({
  enabled: enabled(),
  webhookUrl: httpUrl(),
  secret: z
    .string({ error: '必须是文字' })
    .trim()
    .refine((v) => v === '' || /^SEC[0-9A-Za-z]+$/.test(v), '加签密钥应以 SEC 开头（在机器人安全设置中复制）')
    .optional(),
});

const channelsSchema = z.object(
  {
    sms: smsSchema.optional(),
    email: emailSchema.optional(),
    wecom: wecomSchema.optional(),
    dingtalk: dingtalkSchema.optional(),
  },
  { error: '通知渠道配置必须是一个对象' },
);

const LABELS: Record<string, string> = {
  sms: '短信通道',
  email: '邮件通道',
  wecom: '企业微信机器人',
  dingtalk: '钉钉机器人',
  enabled: '启用',
  url: '网关地址',
  bodyTemplate: '请求体模板',
  headers: '请求头',
  signName: '短信签名',
  templateCode: '模板编号',
  successField: '成功标志字段',
  successValue: '成功标志值',
  host: '服务器地址',
  port: '端口',
  secure: 'SSL/TLS 加密连接',
  user: '用户名',
  password: '密码',
  from: '发件人',
  webhookUrl: 'Webhook 地址',
  secret: '加签密钥',
};

export type ConfigIssue = { path: string; message: string };

/**
 * Checks a channels configuration (as posted by the settings page) and returns it trimmed, with
 * unknown keys dropped. Throws a 400 AppError whose message lists every problem in Chinese, and
 * whose details are `{ issues: [{ path, message }] }`.
 */
export function validateChannelsConfig(input: unknown): ChannelsConfig {
  const result = channelsSchema.safeParse(input, { error: z.locales.zhCN().localeError, reportInput: false });
  if (!result.success) {
    const issues: ConfigIssue[] = result.error.issues.map((issue) => {
      const labels = issue.path.map((p) => (typeof p === 'string' ? (LABELS[p] ?? p) : String(p)));
      return {
        path: issue.path.join('.'),
        message: labels.length ? `${labels.join(' · ')}：${issue.message}` : issue.message,
      };
    });
    throw badRequest(`通知渠道配置有误：${issues.map((i) => i.message).join('；')}`, { issues });
  }
  const config: ChannelsConfig = result.data;
  return config;
}

/** A copy for display: passwords, secrets, secret-looking headers and URL keys become '******'. */
export function redactChannelsConfig(c: ChannelsConfig): ChannelsConfig {
  const out: ChannelsConfig = {};
  if (c.sms) {
    out.sms = { ...c.sms, url: redactUrl(c.sms.url) };
    if (c.sms.headers) {
      out.sms.headers = Object.fromEntries(
        Object.entries(c.sms.headers).map(([name, value]) => [
          name,
          SENSITIVE_HEADER.test(name) ? REDACTED : value,
        ]),
      );
    }
  }
  if (c.email) {
    out.email = { ...c.email };
    if (c.email.password) out.email.password = REDACTED;
  }
  for (const robot of ['wecom', 'dingtalk'] as const) {
    const r = c[robot];
    if (!r) continue;
    out[robot] = { ...r, webhookUrl: redactUrl(r.webhookUrl) };
    if (r.secret) out[robot].secret = REDACTED;
  }
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * For saving a form that was filled from `redactChannelsConfig`: every value still showing
 * '******' (or a URL equal to the redacted stored one) is put back from `previous`. Works on the
 * raw input, before `validateChannelsConfig`; returns a new object and leaves the input alone.
 */
export function restoreRedactedSecrets(input: unknown, previous: ChannelsConfig | undefined): unknown {
  if (!isObj(input) || !previous) return input;
  const out: Obj = { ...input };
  const restoreUrl = (section: Obj, key: string, prev: string | undefined) => {
    if (prev !== undefined && section[key] === redactUrl(prev)) section[key] = prev;
  };
  const restoreValue = (section: Obj, key: string, prev: string | undefined) => {
    if (section[key] === REDACTED) {
      if (prev !== undefined) section[key] = prev;
      else delete section[key];
    }
  };

  if (isObj(out.sms) && previous.sms) {
    const sms: Obj = { ...out.sms };
    restoreUrl(sms, 'url', previous.sms.url);
    if (isObj(sms.headers)) {
      const prevHeaders = Object.entries(previous.sms.headers ?? {});
      const headers: Obj = { ...sms.headers };
      for (const name of Object.keys(headers)) {
        const prev = prevHeaders.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
        restoreValue(headers, name, prev);
      }
      sms.headers = headers;
    }
    out.sms = sms;
  }
  if (isObj(out.email) && previous.email) {
    const email: Obj = { ...out.email };
    restoreValue(email, 'password', previous.email.password);
    out.email = email;
  }
  for (const robot of ['wecom', 'dingtalk'] as const) {
    const prev = previous[robot];
    const section = out[robot];
    if (!isObj(section) || !prev) continue;
    const r: Obj = { ...section };
    restoreUrl(r, 'webhookUrl', prev.webhookUrl);
    restoreValue(r, 'secret', prev.secret);
    out[robot] = r;
  }
  return out;
}
