import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { commissionTargets, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { renderOfficialDocx } from '../../../lib/documents/official-docx.ts';
import { renderOfficialHtml } from '../../../lib/documents/official-html.ts';
import type { OfficialDocumentInput } from '../../../lib/documents/official-layout.ts';
import { renderPdf } from '../../../lib/documents/pdf.ts';
import { noticeTitle } from '../commands/shared.ts';
import { formatDeadlineText } from '../deadlines.ts';
import { numberLabelOf } from '../present.ts';
import { type CommissionRow, findCommission } from '../scope.ts';

/** A China calendar date as the local-time Date the document renderer prints (2026年3月5日). */
function printedDate(at: Date): Date {
  const [y, m, d] = chinaDate(at).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * The 约稿通知单 in the 公文 layout (GB/T 9704, docs/domain.md §6): the office's 发文机关标志, the
 * number once issued, 关于报送××信息的约稿通知, the target units as 主送机关, the requirements,
 * the deadline and the contact as the body, signed and dated by the office on the day of issue.
 * Before it is issued it is a 样稿 dated today.
 */
export async function noticeInput(tx: Db, row: CommissionRow, now: Date): Promise<OfficialDocumentInput> {
  const [office] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.officeId));
  const officeName = office?.name ?? '';
  const units = await tx
    .select({ name: orgs.name })
    .from(commissionTargets)
    .innerJoin(orgs, eq(orgs.id, commissionTargets.unitId))
    .where(eq(commissionTargets.commissionId, row.id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.name));
  const numberLabel = await numberLabelOf(tx, row);
  const date = printedDate(row.issuedAt ?? now);
  const requirements = row.requirements
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    issuerMark: `${officeName}文件`,
    ...(numberLabel ? { documentNumber: numberLabel } : {}),
    title: noticeTitle(row.topic),
    addressee: units.map((u) => u.name).join('，'),
    body: [
      `为及时、准确反映${row.topic}有关情况，更好地服务领导决策，现向你单位约稿。有关事项通知如下：`,
      '一、约稿要求',
      ...requirements,
      '二、报送时间',
      `请于${formatDeadlineText(row.deadline)}前通过信报系统报送，报送时在信息中选择本约稿通知。确无相关情况可报的，请在系统中说明原因。`,
      '三、联系方式',
      `联系人：${row.contactName}，联系电话：${row.contactPhone}。`,
    ],
    signature: officeName,
    date,
    colophon: { printer: officeName, printDate: date },
    draft: row.status === 'draft',
  };
}

const fileBase = (row: CommissionRow, numberLabel: string | null) =>
  `${numberLabel ? `${numberLabel} ` : ''}${noticeTitle(row.topic)}`.replace(/[\\/:*?"<>|]/g, '_');

export type NoticeFormat = 'docx' | 'pdf' | 'html';

/** The notice as DOCX, PDF (LibreOffice or Chromium; 503 when neither) or the HTML print preview. */
export async function renderNotice(ctx: AppContext, actor: Actor, id: string, format: NoticeFormat) {
  const row = await findCommission(ctx.db, actor, id);
  const input = await noticeInput(ctx.db, row, ctx.clock.now());
  const base = fileBase(row, await numberLabelOf(ctx.db, row));
  if (format === 'html') return { content: renderOfficialHtml(input), fileName: `${base}.html` };
  if (format === 'docx') return { content: await renderOfficialDocx(input), fileName: `${base}.docx` };
  const pdf = await renderPdf(ctx.config.pdf, {
    docx: () => renderOfficialDocx(input),
    html: () => renderOfficialHtml(input),
  });
  return { content: pdf.content, fileName: `${base}.pdf` };
}
