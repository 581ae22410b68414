import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { forLibreOffice } from './libreoffice-compat.ts';

/**
 * PDF from the same layout as the DOCX: LibreOffice converts the DOCX itself when it is
 * installed, otherwise headless Chromium prints the HTML preview. Both run with a private
 * fontconfig file that maps the Windows font names the documents use to free CJK fonts, so the
 * PDF embeds real Chinese glyphs. Conversions run one at a time: each converter is a heavy child
 * process, and LibreOffice cannot share a profile between two instances.
 */

export const PDF_CONVERTERS = ['auto', 'libreoffice', 'chromium', 'none'] as const;
export type PdfConverterSetting = (typeof PDF_CONVERTERS)[number];
export type PdfConverterName = 'libreoffice' | 'chromium';

export type PdfSettings = {
  converter: PdfConverterSetting;
  sofficePath?: string;
  chromiumPath?: string;
  /** Per conversion, in milliseconds. */
  timeoutMs?: number;
};

export type PdfSources = { docx: () => Promise<Buffer>; html: () => string | Promise<string> };

export const NO_PDF_CONVERTER_MESSAGE =
  '服务器未安装 PDF 转换工具（LibreOffice 或 Chromium），请联系系统管理员安装';

export const noPdfConverter = () => new AppError(503, 'NO_PDF_CONVERTER', NO_PDF_CONVERTER_MESSAGE);

/** Chromium flags that work on these servers (without the background-networking flags Chromium keeps dialling out on a closed network). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Windows/WPS font names → the free fonts Debian ships (fonts-noto-cjk, fonts-arphic-ukai). */
const FONT_MAP: { names: string[]; family: string; bold?: boolean }[] = [
  { names: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '小标宋'], family: 'Noto Serif CJK SC', bold: true },
  { names: ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', '宋体', 'SimSun'], family: 'Noto Serif CJK SC' },
  { names: ['黑体', 'SimHei'], family: 'Noto Sans CJK SC' },
  { names: ['楷体_GB2312', '楷体', 'KaiTi', 'STKaiti'], family: 'AR PL UKai CN' },
];

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The fontconfig file: the system configuration plus the name mapping, as strong bindings. */
export function fontconfigXml(): string {
  const rules = FONT_MAP.flatMap(({ names, family, bold }) =>
    names.map(
      (name) =>
        `  <match target="pattern"><test name="family"><string>${xmlText(name)}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${xmlText(family)}</string></edit>` +
        (bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : '') +
        '</match>',
    ),
  );
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...rules,
    '</fontconfig>',
    '',
  ].join('\n');
}

let fontconfigPath: string | null = null;

/** Writes the private fontconfig file once per process and returns its path. */
export async function fontconfigFile(): Promise<string> {
  if (fontconfigPath && fs.existsSync(fontconfigPath)) return fontconfigPath;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'xinbao-fonts-'));
  const file = path.join(dir, 'fonts.conf');
  await fsp.writeFile(file, fontconfigXml());
  fontconfigPath = file;
  return file;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(names: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

export function findSoffice(settings: Pick<PdfSettings, 'sofficePath'>): string | null {
  if (settings.sofficePath) return isExecutable(settings.sofficePath) ? settings.sofficePath : null;
  return onPath(['soffice', 'libreoffice']);
}

export function findChromium(settings: Pick<PdfSettings, 'chromiumPath'>): string | null {
  if (settings.chromiumPath) return isExecutable(settings.chromiumPath) ? settings.chromiumPath : null;
  return (
    ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(isExecutable) ??
    onPath(['chromium', 'chromium-browser', 'google-chrome'])
  );
}

/** Which converter a conversion would use now, or null when none is available. */
export function pickConverter(settings: PdfSettings): PdfConverterName | null {
  const { converter } = settings;
  if (converter === 'none') return null;
  if ((converter === 'auto' || converter === 'libreoffice') && findSoffice(settings)) return 'libreoffice';
  if ((converter === 'auto' || converter === 'chromium') && findChromium(settings)) return 'chromium';
  return null;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs conversions one after the other, whatever their outcome. */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Converts an issue to PDF with the best converter present; 503 NO_PDF_CONVERTER when there is
 * none, so the user is told to ask for one instead of seeing a generic failure.
 */
export async function renderPdf(
  settings: PdfSettings,
  sources: PdfSources,
): Promise<{ content: Buffer; converter: PdfConverterName }> {
  const converter = pickConverter(settings);
  if (!converter) throw noPdfConverter();
  const timeoutMs = settings.timeoutMs ?? 120_000;
  if (converter === 'libreoffice') {
    const soffice = findSoffice(settings)!;
    const docx = await sources.docx();
    const [content] = await libreOfficePdfs(soffice, [docx], timeoutMs);
    return { content: content!, converter };
  }
  const chromium = findChromium(settings)!;
  const html = await sources.html();
  const [content] = await chromiumPdfs(chromium, [html], timeoutMs);
  return { content: content!, converter };
}

/** Runs a command in its own process group and kills the whole group on timeout. */
export function runTool(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
      reject(new Error(`${path.basename(cmd)} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(cmd)} exited with ${code}: ${output.slice(-2000)}`));
    });
  });
}

/**
 * Converts DOCX files to PDF with one LibreOffice process (starting it costs seconds; converting
 * one more file costs a fraction of that). Each file goes through `forLibreOffice` first, so
 * LibreOffice breaks lines as Word and WPS do. The time limit grows with the number of files.
 */
export function libreOfficePdfs(soffice: string, docxs: Buffer[], timeoutMs: number): Promise<Buffer[]> {
  return serialised(async () => {
    if (docxs.length === 0) return [];
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'xinbao-soffice-'));
    try {
      const inputs = docxs.map((_, i) => path.join(dir, `document-${i + 1}.docx`));
      for (const [i, docx] of docxs.entries()) await fsp.writeFile(inputs[i]!, await forLibreOffice(docx));
      const env = {
        ...process.env,
        HOME: dir,
        FONTCONFIG_FILE: await fontconfigFile(),
        SAL_USE_VCLPLUGIN: 'svp',
      };
      const output = await runTool(
        soffice,
        [
          '--headless',
          '--norestore',
          '--nologo',
          '--nolockcheck',
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--convert-to',
          'pdf:writer_pdf_Export',
          '--outdir',
          dir,
          ...inputs,
        ],
        env,
        timeoutMs + 10_000 * (docxs.length - 1),
      );
      const pdfs: Buffer[] = [];
      for (const input of inputs) {
        const pdf = await fsp.readFile(input.replace(/\.docx$/, '.pdf')).catch(() => null);
        if (!pdf)
          throw new Error(`LibreOffice produced no PDF for ${path.basename(input)}: ${output.slice(-2000)}`);
        pdfs.push(pdf);
      }
      return pdfs;
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
}

/** Prints HTML pages to PDF with one headless Chromium, one page at a time, with nothing fetched. */
export function chromiumPdfs(executablePath: string, htmls: string[], timeoutMs: number): Promise<Buffer[]> {
  return serialised(async () => {
    if (htmls.length === 0) return [];
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      // Playwright adds --headless and its own fresh --user-data-dir.
      args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
      timeout: timeoutMs,
      env: { ...process.env, FONTCONFIG_FILE: await fontconfigFile() },
    });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      // The preview is self-contained; nothing may be fetched while printing it.
      await context.route('**/*', (route) => route.abort());
      const pdfs: Buffer[] = [];
      for (const html of htmls) {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
        await page.emulateMedia({ media: 'print' });
        pdfs.push(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        await page.close();
      }
      return pdfs;
    } finally {
      await browser.close();
    }
  });
}
