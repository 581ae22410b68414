import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

type FieldIssue = { path?: string; field?: string; message?: string };

/**
 * Puts a failed save's Chinese message where the user looks: next to the field the server
 * named (validation details carry `/field` paths), and returns the message for the form's
 * alert (null when every problem is shown beside its field) so nothing fails silently.
 */
export function applyServerErrors(
  form: FormInstance,
  err: unknown,
  fields: readonly string[],
  /** For business-rule errors without details: the field a message is about, judged by its wording. */
  fieldOfMessage?: (message: string) => string | null,
): string | null {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : '操作失败，请稍后重试';
  const issues = collectIssues(err.details);
  const guessed = issues.length === 0 ? fieldOfMessage?.(err.message) : null;
  if (guessed) issues.push({ field: guessed, message: err.message });
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  let placed = 0;
  for (const issue of issues) {
    const name = (issue.field ?? issue.path ?? '').replace(/^\//, '').split('/')[0];
    if (!name || !known.has(name) || !issue.message) continue;
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
    placed += 1;
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  // Shown beside its field already: the alert would only repeat it.
  if (placed > 0 && placed === issues.length) return null;
  return err.message;
}

function collectIssues(details: unknown): FieldIssue[] {
  if (Array.isArray(details))
    return details.filter((d): d is FieldIssue => typeof d === 'object' && d !== null);
  if (details && typeof details === 'object') {
    const d = details as { field?: unknown; errors?: unknown; fields?: unknown };
    if (Array.isArray(d.errors)) return collectIssues(d.errors);
    if (typeof d.field === 'string') return [d as FieldIssue];
    if (d.fields && typeof d.fields === 'object') {
      return Object.entries(d.fields as Record<string, unknown>).map(([field, message]) => ({
        field,
        message: String(message),
      }));
    }
  }
  return [];
}

/**
 * True for the optimistic-lock refusal (the record changed under us and must be reloaded), as
 * opposed to other 409s such as a duplicate code, which the user fixes in the form.
 */
export function isStaleVersion(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.message.includes('他人修改');
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : '操作失败，请稍后重试';
}
