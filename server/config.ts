import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PDF_CONVERTERS, type PdfSettings } from './lib/documents/pdf.ts';

// Validation messages (environment here, request bodies in the API) are shown in Chinese.
z.config(z.locales.zhCN());

/** Default password of every demo account, documented in README.md. */
export const DEFAULT_DEMO_PASSWORD = 'Xinbao@2026';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Where uploaded attachments are stored by content hash; default `<DATA_DIR>/files`. */
  FILES_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  XINBAO_DEMO_PASSWORD: z.string().min(8, 'XINBAO_DEMO_PASSWORD 至少 8 位').default(DEFAULT_DEMO_PASSWORD),
  XINBAO_SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(64).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1_048_576),
  /** How issue PDFs are made: auto = LibreOffice when installed, else Chromium; none = refuse. */
  PDF_CONVERTER: z
    .enum(PDF_CONVERTERS, { error: 'PDF_CONVERTER 只能是 auto、libreoffice、chromium 或 none' })
    .default('auto'),
  SOFFICE_PATH: z.string().min(1, 'SOFFICE_PATH 不能为空').optional(),
  CHROMIUM_PATH: z.string().min(1, 'CHROMIUM_PATH 不能为空').optional(),
  /** The address users open, for links in SMS, e-mail and robot messages (e.g. https://xinbao.fenyang.gov.cn). */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'PUBLIC_URL 必须是 http:// 或 https:// 开头的地址')
    .optional(),
  /** How often the scheduler looks for due jobs; 0 turns it off in this instance. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Root of the content-addressed attachment store. */
  filesDir: string;
  databaseUrl?: string;
  demoPassword: string;
  seedDemo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  cookieSecure: boolean;
  /** Take the client IP from X-Forwarded-For (only behind a reverse proxy you control). */
  trustProxy: boolean;
  bodyLimit: number;
  uploadLimit: number;
  loginRateLimitPerMinute: number;
  /** PDF conversion of issue documents (LibreOffice / Chromium). */
  pdf: PdfSettings;
  /** Defaults of the security policy; the security administrator may override them at run time. */
  security: SecurityPolicy;
  /** Base of absolute links in outbound messages, without a trailing slash. */
  publicUrl?: string;
  schedulerIntervalMs: number;
};

export type SecurityPolicy = {
  passwordMinLength: number;
  passwordMinClasses: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
};

export class ConfigError extends Error {}

/** Parses the environment once, at start, and explains every bad variable in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误（环境变量）：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    filesDir: filesDirOf(e.FILES_DIR, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demoPassword: e.XINBAO_DEMO_PASSWORD,
    seedDemo: e.XINBAO_SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadLimit: e.UPLOAD_LIMIT_BYTES,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    pdf: { converter: e.PDF_CONVERTER, sofficePath: e.SOFFICE_PATH, chromiumPath: e.CHROMIUM_PATH },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    security: {
      passwordMinLength: e.PASSWORD_MIN_LENGTH,
      passwordMinClasses: e.PASSWORD_MIN_CLASSES,
      lockoutThreshold: e.LOCKOUT_THRESHOLD,
      lockoutMinutes: e.LOCKOUT_MINUTES,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    },
  };
}

/**
 * Attachments live beside the database. An in-memory database (tests) gets a fresh temporary
 * folder so that runs never share or leave files in the working tree.
 */
function filesDirOf(filesDir: string | undefined, dataDir: string): string {
  if (filesDir) return path.resolve(filesDir);
  if (dataDir.startsWith('memory://')) {
    return path.join(os.tmpdir(), `xinbao-files-${randomUUID()}`);
  }
  return path.join(path.resolve(dataDir), 'files');
}
