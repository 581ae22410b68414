/**
 * What the server log may hold. A failed statement's error carries every bound value: Drizzle's
 * DrizzleQueryError puts them into its message ("Failed query: … params: …") and PostgreSQL's
 * `detail` quotes the failing row ("Failing row contains (…)"). Logged as-is, a failed insert or
 * update of `users` printed its argon2 password hash. So errors are logged through
 * `serializeError` — the statement without its values, the database's error code, message,
 * table and constraint, the stack frames — and pino redacts the fields that hold secrets.
 */

const HIDDEN = '[已隐藏]';

/** pino redact paths: credentials in request headers and any password-like field at any level. */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  'passwordHash',
  'password_hash',
  'currentPassword',
  'newPassword',
  'token',
  'csrfToken',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.csrfToken',
  '*.params',
  '*.detail',
];

/** Anything that looks like an argon2 hash, wherever it turns up in a logged text. */
const ARGON2 = /\$argon2(?:id|i|d)\$[^\s,'")\]]*/g;

export function scrubSecrets(text: string): string {
  return text.replace(ARGON2, HIDDEN);
}

/** Fields of a PostgreSQL error that name what failed without quoting the data. */
const SAFE_DB_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'routine'] as const;

export type LoggedError = { type: string; message: string; stack: string; [field: string]: unknown };

/** The pino `err` serializer: an error as the log may show it (see the module comment). */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error))
    return { type: typeof error, message: scrubSecrets(String(error)), stack: '' };
  const record = error as Error & Record<string, unknown>;
  // Drizzle's wrapper repeats the statement and its values; the driver's own error only has
  // PostgreSQL's message (the values are in its `params` and `detail`, which are left out).
  const isDrizzleWrapper = error.message.startsWith('Failed query:') && typeof record.query === 'string';
  const message = isDrizzleWrapper ? `Failed query: ${record.query}` : error.message;
  // Only the frames of the stack: its first lines repeat the message, values and all.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: LoggedError = {
    type: error.name === 'Error' ? error.constructor.name : error.name,
    message: scrubSecrets(message),
    stack: scrubSecrets(frames.join('\n')),
  };
  for (const field of SAFE_DB_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  if (typeof record.statusCode === 'number') out.statusCode = record.statusCode;
  if (error.cause !== undefined && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  return out;
}
