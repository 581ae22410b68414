import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { assessmentNotices, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { renderOfficialDocx } from '../../../lib/documents/official-docx.ts';
import { storeBlob } from '../../../lib/files.ts';
import { notify, unitStaff, usersWithRoles } from '../../notifications/index.ts';
import { assertStaff, readerOf } from '../access.ts';
import { noticeDocument } from './document.ts';
import { assertNoticeDraft, assertNoticeVersion, findNotice } from './find-notice.ts';

/**
 * 印发: the notice is dated today, its DOCX written once and archived by its SHA-256, and from
 * then on it is read-only and visible to the member units (their home page shows the latest).
 * The member units' 信息员 and 签发人 (a lower office's 信息科) and the office's leaders are told.
 */
export async function issueNotice(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findNotice(tx, actor, id, true);
    assertStaff(readerOf(actor), row.officeId);
    assertNoticeDraft(row, '再次印发');
    assertNoticeVersion(row, version);
    const issued = { ...row, status: 'issued' as const, issuedAt: now, issuedByName: actor.displayName };
    const docx = await renderOfficialDocx(noticeDocument(issued, now));
    const { sha256 } = await storeBlob(ctx.config.filesDir, docx);
    const [saved] = await tx
      .update(assessmentNotices)
      .set({
        status: 'issued',
        issuedAt: now,
        issuedByName: actor.displayName,
        fileSha256: sha256,
        fileSize: docx.length,
        version: sql`${assessmentNotices.version} + 1`,
        updatedAt: now,
      })
      .where(eq(assessmentNotices.id, row.id))
      .returning();
    if (!saved) throw new Error('update failed');
    const members = await tx
      .select({ id: orgs.id, kind: orgs.kind })
      .from(orgs)
      .where(and(eq(orgs.parentId, row.officeId), eq(orgs.active, true)));
    const recipients = [
      ...(await unitStaff(
        tx,
        members.filter((m) => m.kind === 'unit').map((m) => m.id),
      )),
      ...(await usersWithRoles(
        tx,
        members.filter((m) => m.kind === 'office').map((m) => m.id),
        ['editor', 'chief_editor'],
      )),
      ...(await usersWithRoles(tx, [row.officeId], ['leader'])),
    ];
    await notify(tx, {
      userIds: recipients,
      officeId: row.officeId,
      kind: 'assessment_notice_issued',
      title: `考评通报已印发：${row.title}`,
      body: '请查看本单位的名次、得分和被采用信息。',
      link: `/assessment/notices/${row.id}`,
      subject: { type: 'assessment_notice', id: row.id },
      at: now,
    });
    await recordAudit(tx, audit, {
      action: 'assessment.notice_issued',
      targetType: 'assessment_notice',
      targetId: row.id,
      targetLabel: row.title,
      diff: { sha256, size: docx.length },
    });
    return saved;
  });
}
