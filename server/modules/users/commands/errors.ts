/** PostgreSQL's unique_violation, whether the driver error arrives bare or wrapped by Drizzle. */
export function isUniqueViolation(e: unknown): boolean {
  let err: unknown = e;
  for (let depth = 0; depth < 5 && typeof err === 'object' && err !== null; depth++) {
    if ((err as { code?: unknown }).code === '23505') return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}
