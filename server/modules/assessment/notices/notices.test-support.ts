import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { items } from '../../../db/schema/index.ts';
import { demoYear } from '../../../db/seed/demo-items-kit.ts';
import { manualClock } from '../../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../../test/helpers.ts';
import { act, makeItem, orgByCode, publicationByName } from '../../items/test-factory.ts';

/**
 * The world of the 通报 tests: the demo city without its demo year, the clock on 20 March of the
 * current year (the seeded rule set of that year in force), and February's figures at 汾阳 —
 * 财政局 two items, one forwarded and adopted by 《晋政信息●普刊》 on 10 February, one forwarded
 * and not yet adopted (the refresh test adopts it); 水务局 one item, never adopted. January has
 * nothing; April has not begun.
 */

export const Y = demoYear(new Date()) + 1;
export const day = (md: string) => `${Y}-${md}`;

export const TITLES = {
  adopted: '汾阳市财政局多措并举保障重点民生支出',
  later: '汾阳市财政局扎实推进预算绩效管理改革',
  swj: '汾阳市水务局全面启动农村饮水安全巩固提升工程',
} as const;

export type Res = Awaited<ReturnType<Session['request']>>;

export async function ok(res: Res, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export type NoticeWorld = Awaited<ReturnType<typeof noticeWorld>>;

export async function noticeWorld() {
  const clock = manualClock(`${Y}-03-20T02:00:00Z`); // 10:00 on 20 March in Beijing
  const t: TestApp = await createTestApp({ clock, env: { PDF_CONVERTER: 'none' } });
  const [editor, chief, leader, reporter, llEditor] = await Promise.all(
    ['editor', 'chief', 'leader', 'fy_czj_xxy', 'll_editor'].map((u) => login(t.app, u)),
  );
  const fyId = (await orgByCode(t, 'fy')).id;
  const czjId = (await orgByCode(t, 'fy_czj')).id;
  const swjId = (await orgByCode(t, 'fy_swj')).id;
  const db = t.database.db;

  /** An item accepted at 汾阳, submitted on a day of February (10:00 Beijing). */
  const submitted = async (unit: string, title: string, on: string) => {
    const row = await makeItem(t, { unit, status: 'accepted', title });
    await db
      .update(items)
      .set({ submittedAt: new Date(`${on}T02:00:00Z`) })
      .where(eq(items.id, row.id));
    return row;
  };
  const forward = async (item: { id: string; version: number }) => {
    await ok(await act(editor, item, 'forward'));
  };
  const upper = await publicationByName(t, '晋政信息●普刊');
  /** 上级采用登记 through the API (marks the ledger for recomputation). */
  const adopt = async (itemId: string, adoptedOn: string) =>
    ok(
      await editor.request('POST', `/api/items/${itemId}/adoptions`, {
        publicationId: upper.id,
        adoptionKind: '全文采用',
        adoptedOn,
      }),
      201,
    );

  const adopted = await submitted('fy_czj', TITLES.adopted, day('02-05'));
  const later = await submitted('fy_czj', TITLES.later, day('02-12'));
  await submitted('fy_swj', TITLES.swj, day('02-18'));
  await forward(adopted);
  await forward(later);
  await adopt(adopted.id, day('02-10'));

  return { t, clock, db, editor, chief, leader, reporter, llEditor, fyId, czjId, swjId, later, adopt };
}

/** The text of every part of a DOCX (body, headers, footers), tags stripped. */
export async function docxText(docx: Buffer): Promise<{ body: string; all: string }> {
  const zip = await JSZip.loadAsync(docx);
  const strip = (xml: string) => xml.replace(/<[^>]+>/g, '');
  const body = strip((await zip.file('word/document.xml')?.async('string')) ?? '');
  const parts = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/.*\.xml$/.test(n))
      .map(async (n) => strip((await zip.file(n)?.async('string')) ?? '')),
  );
  return { body, all: parts.join('\n') };
}
