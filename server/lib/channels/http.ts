/**
 * Shared pieces of the outbound channels: the delivery error, and one JSON POST with a timeout
 * that turns every HTTP and network failure into a DeliveryError with a Chinese message.
 *
 * Messages never carry a URL (webhook URLs hold the robot's key or access_token), a header value
 * or a password; `scrubSecrets` removes known secret values from any text taken from an answer.
 */

/** A delivery that did not go through; `retryable` tells the scheduler whether to try again. */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(message: string, opts: { retryable: boolean; retryAfterMs?: number }) {
    super(message);
    this.name = 'DeliveryError';
    this.retryable = opts.retryable;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** A group robot takes at most 20 messages a minute (WeCom and DingTalk alike). */
export const ROBOT_RATE_PER_MINUTE = 20;
/** Wait this long when a rate limit gives no Retry-After (the robots count per minute). */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

export const permanent = (message: string) => new DeliveryError(message, { retryable: false });
export const transient = (message: string, retryAfterMs?: number) =>
  new DeliveryError(message, { retryable: true, retryAfterMs });

/** '10 秒', '0.3 秒'. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} 秒`;
}

/** Replaces every occurrence of a known secret (4 characters or more) with '******'. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('******');
  }
  return out;
}

/** A short, single-line excerpt of an answer body for an error message, or '' for HTML and long pages. */
export function answerExcerpt(text: string, secrets: readonly (string | undefined)[]): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('<') || trimmed.length > 500) return '';
  const line = scrubSecrets(trimmed, secrets).replace(/\s+/g, ' ');
  const points = [...line];
  return points.length > 120 ? `${points.slice(0, 120).join('')}…` : line;
}

/** Retry-After in seconds or as an HTTP date; 60 s when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: () => number): number {
  if (value === null) return DEFAULT_RETRY_AFTER_MS;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return DEFAULT_RETRY_AFTER_MS;
  return Math.max(0, at - now());
}

export type PostOptions = {
  headers?: Record<string, string>;
  timeoutMs: number;
  now: () => number;
  /** Values to scrub from anything quoted back from the answer. */
  secrets?: readonly (string | undefined)[];
};

export type JsonAnswer = {
  status: number;
  text: string /** undefined when the body is not JSON */;
  json: unknown;
};

/**
 * POSTs a JSON body to `url` under `label` (the channel's name in messages, e.g. '短信网关').
 * Resolves for a 2xx answer; 429 and 5xx are retryable, any other status is not; redirects are
 * not followed (a webhook that redirects is misconfigured, and a redirected POST loses its body).
 */
export async function postJson(
  label: string,
  url: string,
  body: string,
  opts: PostOptions,
): Promise<JsonAnswer> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw permanent(`${label}的地址无效，请检查配置`);
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  let status: number;
  let retryAfter: string | null;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: controller.signal,
      redirect: 'manual',
    });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    // The timeout also covers reading the answer.
    text = await res.text();
  } catch (err) {
    throw networkError(label, err, opts.timeoutMs, controller.signal.aborted);
  } finally {
    clearTimeout(timer);
  }

  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, opts.now);
    throw transient(`${label}限流（HTTP 429），${seconds(retryAfterMs)}后重试`, retryAfterMs);
  }
  if (status < 200 || status >= 300) {
    const excerpt = answerExcerpt(text, opts.secrets ?? []);
    const message = `${label}返回 ${status}${excerpt ? `：${excerpt}` : ''}`;
    if (status >= 500) throw transient(message);
    if (status >= 300 && status < 400) throw permanent(`${label}返回 ${status}（重定向），请检查地址`);
    throw permanent(message);
  }
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

export const CERT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The system error code behind a fetch failure ('fetch failed' hides it in `cause`). */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    // Happy eyeballs reports an AggregateError with one error per address.
    if (Array.isArray(errors) && errors.length) e = errors[0];
    else e = cause;
  }
  return undefined;
}

function networkError(label: string, err: unknown, timeoutMs: number, timedOut: boolean): DeliveryError {
  if (timedOut) return transient(`${label}连接超时（${seconds(timeoutMs)}）`);
  const code = errorCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return transient(`无法连接${label}（连接被拒绝）`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return transient(`无法解析${label}的域名（DNS 查询失败）`);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return transient(`${label}连接超时（${seconds(timeoutMs)}）`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return transient(`与${label}的连接中断`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return transient(`无法连接${label}（网络不可达）`);
  }
  if (code && CERT_CODES.has(code)) return permanent(`${label}的 HTTPS 证书无效（${code}）`);
  return transient(`连接${label}失败（网络错误${code ? ` ${code}` : ''}）`);
}

/** Values in a URL that are secrets: its password and secret-looking query parameters (key, access_token, …). */
export function urlSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    const out = [...u.searchParams]
      .filter(([name]) => /key|token|secret|sign|passw/i.test(name))
      .map(([, value]) => value);
    if (u.password) out.push(decodeURIComponent(u.password));
    return out;
  } catch {
    return [];
  }
}

/** Reads a value at a dot path such as "code" or "result.0.status". */
export function valueAtPath(json: unknown, path: string): unknown {
  let v: unknown = json;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
