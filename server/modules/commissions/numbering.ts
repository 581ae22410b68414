import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { commissions, orgs, settings } from '../../db/schema/index.ts';

/**
 * The 发文字号 of a 约稿通知单: 机关代字 + 约〔year〕number号, e.g. 汾政办约〔2026〕3号. The 代字 is
 * the office's setting `document_code:<office id>` (`{ "code": "汾政办" }`) when one is saved;
 * otherwise it is derived from the name the usual way (汾阳市人民政府办公室 → 汾政办), and an
 * office whose name does not follow the pattern uses its short name.
 */
export const DOCUMENT_CODE_PREFIX = 'document_code:';

export function derivedCode(office: { name: string; shortName: string }): string {
  if (/人民政府办公(室|厅)$/.test(office.name)) return `${office.name.slice(0, 1)}政办`;
  return office.shortName || office.name;
}

export async function officeDocumentCode(tx: Db, officeId: string): Promise<string> {
  const [saved] = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, `${DOCUMENT_CODE_PREFIX}${officeId}`));
  const code = (saved?.value as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.trim()) return code.trim();
  const [office] = await tx
    .select({ name: orgs.name, shortName: orgs.shortName })
    .from(orgs)
    .where(eq(orgs.id, officeId));
  return office ? derivedCode(office) : '';
}

export const commissionNumberLabel = (code: string, year: number, number: number) =>
  `${code}约〔${year}〕${number}号`;

/** How another record names the commission it answers: its topic and its number once issued. */
export async function commissionRef(tx: Db, id: string | null) {
  if (!id) return null;
  const [row] = await tx
    .select({
      id: commissions.id,
      topic: commissions.topic,
      officeId: commissions.officeId,
      year: commissions.year,
      number: commissions.number,
    })
    .from(commissions)
    .where(eq(commissions.id, id));
  if (!row) return null;
  const numberLabel =
    row.year && row.number
      ? commissionNumberLabel(await officeDocumentCode(tx, row.officeId), row.year, row.number)
      : null;
  return { id: row.id, topic: row.topic, numberLabel };
}
