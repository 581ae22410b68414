import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../lib/errors.ts';

export type FindingSeverity = 'fatal' | 'warning';

/** One quality-check result, shown while writing, to the editor, and in a blocked submission's 400. */
export type Finding = {
  rule: string;
  severity: FindingSeverity;
  message: string;
  paragraph?: number;
  excerpt?: string;
  relatedItem?: { id: string; title: string; unitName: string; similarity: number };
};

export type QualityInput = {
  title: string;
  body: string;
  /** undefined = not checked; '' or whitespace = missing (fatal). */
  authorPhone?: string | null;
  /** undefined = not checked; '' or whitespace = missing (warning). */
  signerName?: string | null;
  itemId?: string;
  unitId: string;
  officeId: string;
};

/**
 * Runs every quality rule; the workflow calls it on 提交签发 and 签发 so fatal findings block them.
 * (Initial stub: the full rule set lands in the following commits.)
 */
export async function checkItemQuality(_ctx: AppContext, _db: Db, input: QualityInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (!input.title.trim()) findings.push({ rule: 'empty_title', severity: 'fatal', message: '标题不能为空' });
  if (!input.body.trim()) findings.push({ rule: 'empty_body', severity: 'fatal', message: '正文不能为空' });
  return findings;
}

/** Blocks a transition when any finding is fatal; the client shows details.findings next to the text. */
export function assertNoFatalFindings(findings: Finding[]): void {
  const fatal = findings.filter((f) => f.severity === 'fatal');
  if (fatal.length === 0) return;
  throw badRequest(`未通过质量检查：${fatal[0]?.message ?? ''}`, { findings });
}
