import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentRuleSets } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { conflict, notFound } from '../../../lib/errors.ts';
import { readableOffices, readerOf } from '../access.ts';
import type { RuleSetRow } from '../ledger.ts';

export const STALE_RULE_SET = '该考核办法已被他人修改，请刷新后重试（您本次的修改尚未保存）';

/** The rule set if the caller may read it (404 otherwise, the same whether it exists or not). */
export async function findRuleSet(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<RuleSetRow> {
  const q = tx.select().from(assessmentRuleSets).where(eq(assessmentRuleSets.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return readableRuleSet(actor, row);
}

/** The row read by a query of the caller's own, if the caller may read it (as findRuleSet). */
export function readableRuleSet<T extends Pick<RuleSetRow, 'officeId'>>(actor: Actor, row: T | undefined): T {
  if (!row || !readableOffices(readerOf(actor)).includes(row.officeId)) {
    throw notFound('考核办法不存在或您无权查看');
  }
  return row;
}

export function assertRuleSetVersion(row: RuleSetRow, version: number) {
  if (row.version !== version) throw conflict(STALE_RULE_SET);
}

export function assertDraft(row: RuleSetRow, what: string) {
  if (row.status !== 'draft') {
    throw conflict(
      row.status === 'active'
        ? `已启用的考核办法不能${what}；如需调整，请新建版本`
        : `已停用的旧版本不能${what}；如需恢复，请以它为底稿新建版本`,
    );
  }
}
