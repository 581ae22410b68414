import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Role } from '../db/schema/index.ts';
import { type Actor, auditContextOf } from './actor.ts';
import type { AuditContext } from './audit.ts';
import { assertNoForbiddenChars, normaliseWordBreaks } from './control-chars.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, docs, static files). */
    public?: boolean;
    /** Only these roles may call the route; checked before the body is validated. */
    roles?: readonly Role[];
    /** Still allowed while the account must change its password first. */
    allowPendingPasswordChange?: boolean;
    /** Skips the CSRF header check (logout only: ending a session is harmless). */
    skipCsrf?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
}

/** The Fastify instance with zod schemas as the type provider; modules register routes on it. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The authenticated caller; routes that are not public are guaranteed one by the auth hook. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

export function auditOf(req: FastifyRequest): AuditContext {
  return auditContextOf(req.actor, req.ip ?? null, req.headers['user-agent'] ?? null);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Route-level access rules, run before validation: 401 → 403 → 400 in that order. A write from a
 * foreign Origin is refused on every route, public ones (login) included. `site.https` says the
 * site is served over HTTPS (COOKIE_SECURE) even when a proxy hands the request on as plain HTTP.
 */
export function enforceAccess(req: FastifyRequest, site: { https?: boolean } = {}): void {
  const cfg = req.routeOptions.config ?? {};
  const write = UNSAFE.has(req.method) && !cfg.skipCsrf;
  const origin = req.headers.origin;
  if (write && origin !== undefined) {
    const theirs = originOf(origin);
    if (!theirs || theirs !== ownOrigin(req, site.https ?? false)) throw forbidden('跨站请求已被拒绝');
  }
  if (cfg.public) return;
  const actor = req.actor;
  if (!actor) throw unauthorized(req.sessionExpired ? '登录已超时，请重新登录' : '请先登录');
  if (write) {
    if (req.headers['x-csrf-token'] !== actor.csrfToken) {
      throw forbidden('请求校验失败（CSRF 令牌无效），请刷新页面后重试');
    }
  }
  if (actor.mustChangePassword && !cfg.allowPendingPasswordChange) {
    throw forbidden('首次登录或密码已被重置，请先修改密码');
  }
  if (cfg.roles && !cfg.roles.some((r) => actor.roles.includes(r))) throw forbidden();
}

/**
 * Scheme, host and port of an Origin header, normalised (`http://a:80` is `http://a`); an opaque
 * origin (`null`) or garbage is never our own.
 */
function originOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * This site's own origin as the browser sees it: the request's scheme (or https) and host, both
 * taken from X-Forwarded-Proto / X-Forwarded-Host only when TRUST_PROXY is set.
 */
function ownOrigin(req: FastifyRequest, https: boolean): string | null {
  const host = req.host;
  if (!host) return null;
  return originOf(`${https ? 'https' : req.protocol}://${host}`);
}

/**
 * Refuses control characters, U+FFFE/U+FFFF and lone surrogates anywhere in the query string,
 * the route params and a parsed body (keys and values, at any depth), with one Chinese 400, so
 * no text field can carry them into the database or a generated document. Word's manual line
 * and page breaks (U+000B, U+000C) become line feeds first (`normaliseWordBreaks`). Multipart
 * bodies are streamed by the handler; `server/lib/upload.ts` checks their file name and fields.
 */
export function rejectForbiddenChars(req: FastifyRequest): void {
  assertNoForbiddenChars(req.params, 'params');
  req.query = normaliseWordBreaks(req.query);
  assertNoForbiddenChars(req.query, 'query');
  if (req.isMultipart()) return;
  req.body = normaliseWordBreaks(req.body);
  assertNoForbiddenChars(req.body, 'body');
}

/** One error format for the whole API: `{ code, message, details? }`, Chinese message, no stack. */
export function errorHandler(
  this: FastifyInstance,
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    return reply
      .status(error.statusCode)
      .send({ code: error.code, message: error.message, details: error.details });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    return reply
      .status(400)
      .send({ code: 'VALIDATION_FAILED', message: `请求参数不正确：${describe(details)}`, details });
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
    return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.status(error.statusCode).send({ code: 'BAD_REQUEST', message: '请求格式不正确' });
  }
  req.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' });
}

function describe(details: { path?: string; message?: string }[]): string {
  return details
    .slice(0, 3)
    .map((d) =>
      d.path ? `${d.path.replace(/^\//, '').replaceAll('/', '.')} ${d.message ?? ''}` : (d.message ?? ''),
    )
    .join('；');
}

/** RFC 6266/5987: an ASCII fallback name and the real (Chinese) one as `filename*`. */
export function attachmentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * A document preview is our own markup with escaped user text; it still runs with no scripts, no
 * fetches and no forms, and only our own pages may frame it (the issue and notice pages show it in
 * an iframe).
 */
export const PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export const DOCUMENT_MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** Sends a document's HTML print preview, framable by our pages only. */
export function sendDocumentPreview(reply: FastifyReply, html: string | Buffer): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PREVIEW_CSP)
    .header('x-frame-options', 'SAMEORIGIN')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

/** Sends a generated Word or PDF file as a download, never rendered by the browser as a page. */
export function sendDocumentFile(
  reply: FastifyReply,
  format: keyof typeof DOCUMENT_MIME,
  content: Buffer | Uint8Array | string,
  fileName: string,
  fallback: string,
): FastifyReply {
  return reply
    .header('content-type', DOCUMENT_MIME[format])
    .header('content-disposition', attachmentDisposition(fileName, fallback))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .send(content);
}
