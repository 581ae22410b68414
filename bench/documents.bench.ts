/**
 * Document generation cost, measured in one run on the demo's own texts.
 * Run: npx tsx bench/documents.bench.ts   (prints CPU seconds and ratios to the budget)
 *
 * Scenarios (issue 9): a 5-item and a 20-item issue of 《汾阳政务信息》 and a 公文 (the 考评通报
 * with its 3-page score-table annex) as DOCX and as the HTML print preview. Budget: DOCX
 * generation under 0.5 s of CPU for 20 items. CPU time is the process's user + system time over
 * several renders (the first, cold one reported apart), so a busy machine does not change the
 * figure much. The rendered check (LibreOffice, Chromium, poppler: child processes) is reported
 * separately, as wall-clock seconds per document in one batch, when the tools are installed.
 */
import { desc, eq } from 'drizzle-orm';
import { openDatabase } from '../server/db/client.ts';
import { items } from '../server/db/schema/index.ts';
import { seedDemo } from '../server/db/seed/demo.ts';
import { type BriefingInput, renderBriefingDocx } from '../server/lib/documents/briefing-docx.ts';
import { renderBriefingHtml } from '../server/lib/documents/briefing-html.ts';
import { renderOfficialDocx } from '../server/lib/documents/official-docx.ts';
import { renderOfficialHtml } from '../server/lib/documents/official-html.ts';
import { sampleOfficialNotice } from '../server/lib/documents/official-sample.ts';
import { findChromium, findSoffice } from '../server/lib/documents/pdf.ts';
import { checkDocuments } from '../server/lib/documents/rendered/check-document.ts';
import { paragraphsOf } from '../server/modules/items/body.ts';

const DOCX_BUDGET_S = 0.5;
const RUNS = 10;

const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
await seedDemo(database.db, 'Bench@2026x', { items: true, now: new Date(2026, 11, 3) });
const published = await database.db
  .select({ title: items.title, body: items.body })
  .from(items)
  .where(eq(items.status, 'published'))
  .orderBy(desc(items.serial))
  .limit(20);
await database.close();

function issueOf(n: number): BriefingInput {
  return {
    publicationName: '汾阳政务信息',
    issueLabel: '2026年第52期',
    totalLabel: '总第152期',
    officeName: '汾阳市人民政府办公室',
    issueDate: new Date(2026, 11, 3),
    editorNote: '现将各地各部门近期工作动态编发，供学习借鉴。',
    items: published.slice(0, n).map((r) => ({ title: r.title, paragraphs: paragraphsOf(r.body) })),
    distribution: {
      bao: '吕梁市人民政府办公室，市委、市人大常委会、市政协领导',
      song: '市人民政府领导',
      fa: '各乡镇人民政府、街道办事处，市直各有关单位',
    },
    printCount: 80,
    responsibleEditor: '刘晓燕',
    signer: '陈志强',
  };
}

/** CPU seconds of one call, averaged over RUNS after one cold run. */
async function cpuSeconds(fn: () => unknown): Promise<{ cold: number; warm: number }> {
  const measure = async () => {
    const start = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(start);
    return (d.user + d.system) / 1e6;
  };
  const cold = await measure();
  let total = 0;
  for (let i = 0; i < RUNS; i++) total += await measure();
  return { cold, warm: total / RUNS };
}

const fmt = (s: number) => `${s.toFixed(3)} s`;
console.log(`文档生成基准 / document generation (CPU time, mean of ${RUNS} after one cold run)`);
for (const n of [5, 20]) {
  const input = issueOf(n);
  if (input.items.length !== n) throw new Error(`demo has only ${input.items.length} published items`);
  const docx = await cpuSeconds(() => renderBriefingDocx(input));
  const html = await cpuSeconds(() => renderBriefingHtml(input, { signed: true }));
  console.log(
    `  ${String(n).padStart(2)} 条信息 / items: DOCX ${fmt(docx.warm)} (cold ${fmt(docx.cold)}), ` +
      `${(docx.warm / DOCX_BUDGET_S).toFixed(2)} × budget ${DOCX_BUDGET_S} s; preview ${fmt(html.warm)}, ` +
      `DOCX/preview ${(docx.warm / Math.max(html.warm, 1e-6)).toFixed(1)}`,
  );
  if (n === 20 && docx.warm > DOCX_BUDGET_S) {
    console.log(`  ✘ 20 条信息的 DOCX 生成超过预算 / over budget`);
    process.exitCode = 1;
  }
}

const notice = sampleOfficialNotice();
const officialDocx = await cpuSeconds(() => renderOfficialDocx(notice));
const officialHtml = await cpuSeconds(() => renderOfficialHtml(notice));
console.log(
  `  公文（考评通报，附 3 页得分表）/ official notice: DOCX ${fmt(officialDocx.warm)} (cold ${fmt(officialDocx.cold)}), ` +
    `${(officialDocx.warm / DOCX_BUDGET_S).toFixed(2)} × budget; preview ${fmt(officialHtml.warm)}`,
);

const soffice = findSoffice({});
const chromium = findChromium({});
if (!soffice || !chromium) {
  console.log('  渲染检查未测：缺少 LibreOffice 或 Chromium / rendered check skipped: tools missing');
} else {
  const inputs = [
    {
      name: '5 条',
      docx: await renderBriefingDocx(issueOf(5)),
      previewHtml: renderBriefingHtml(issueOf(5), { signed: true }),
    },
    {
      name: '20 条',
      docx: await renderBriefingDocx(issueOf(20)),
      previewHtml: renderBriefingHtml(issueOf(20), { signed: true }),
    },
    { name: '公文', docx: await renderOfficialDocx(notice), previewHtml: renderOfficialHtml(notice) },
  ];
  const started = performance.now();
  const reports = await checkDocuments(inputs, { soffice, chromium });
  const wall = (performance.now() - started) / 1000;
  const pages = reports.reduce((n, r) => n + r.pages, 0);
  console.log(
    `渲染检查 / rendered check (wall clock, one batch): ${inputs.length} documents, ${pages} pages in ${wall.toFixed(1)} s — ` +
      `${(wall / inputs.length).toFixed(1)} s per document, ${(wall / pages).toFixed(2)} s per page; ` +
      `findings ${reports.reduce((n, r) => n + r.problems.length, 0)}`,
  );
  for (const r of reports) {
    const a = r.agreement!;
    console.log(
      `  ${r.name}: ${r.pages} 页, lines identical ${a.identical}/${a.lines}, page starts differing ${a.pageStarts.length}`,
    );
  }
}
