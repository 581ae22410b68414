import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { notify } from '../../notifications/index.ts';
import { todayInChina } from '../../orgs/index.ts';
import { periodEnded, periodLabel } from '../periods.ts';
import { topicLabel, topicLink } from '../present.ts';
import type { PublishInput } from '../schemas.ts';
import { assertStaff, findTopic } from '../scope.ts';
import { assertVersion, memberReporters, updateTopic } from './shared.ts';

/**
 * 发布: the draft becomes visible to the member units, who may tag items to it; their 信息员 (and
 * the editors of lower offices) are told once. A period already over cannot be published.
 */
export function publishTopic(
  db: Db,
  actor: Actor,
  id: string,
  input: PublishInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findTopic(tx, actor, id, true);
    assertStaff(actor, row);
    if (row.status !== 'draft')
      throw conflict(row.status === 'published' ? '该报送要点已发布' : '该报送要点已撤回，不能发布');
    assertVersion(row, input.version);
    if (periodEnded(row, todayInChina(clock.now())))
      throw badRequest(`该报送要点的期间已于 ${row.periodEnd} 结束，请修改起止日期后再发布`);
    const updated = await updateTopic(tx, row, input.version, {
      status: 'published',
      publishedAt: clock.now(),
    });
    await recordAudit(tx, audit, {
      action: 'topic.published',
      targetType: 'topic',
      targetId: row.id,
      targetLabel: topicLabel(row),
      diff: { status: ['draft', 'published'] },
    });
    await notify(tx, {
      userIds: await memberReporters(tx, row.officeId),
      officeId: row.officeId,
      kind: 'topic_published',
      title: `报送要点：${row.title}（${periodLabel(row.periodStart, row.periodEnd)}）`,
      body: row.description,
      link: topicLink(row.id),
      subject: { type: 'topic', id: row.id },
      dedupeKey: `topic_published:${row.id}`,
      at: clock.now(),
    });
    return updated;
  });
}
