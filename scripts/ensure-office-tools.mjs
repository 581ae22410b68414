#!/usr/bin/env node
// Finds the tools issue documents need: LibreOffice (soffice) to convert DOCX to PDF, poppler-utils
// (pdftoppm, pdftotext, pdffonts, pdfinfo) that the document tests use to look at the PDFs, and the
// free CJK fonts the PDFs embed (Noto CJK, AR PL UKai). As root it installs what is missing from
// Debian; otherwise it says exactly what to install. Prints what it found on success.
// Usage: node scripts/ensure-office-tools.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { aptInstall, isMain, isRoot, ROOT } from './lib/util.mjs';

const PACKAGES = ['libreoffice-writer-nogui', 'poppler-utils', 'fonts-noto-cjk', 'fonts-arphic-ukai'];
const INSTALL_HINT = `apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {}
  }
  return null;
}

function fontFamilies() {
  try {
    return execFileSync('fc-list', [':', 'family'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return '';
  }
}

/** The Debian packages whose tools or fonts are missing. */
function missingPackages() {
  const fonts = fontFamilies();
  const missing = [];
  if (!process.env.SOFFICE_PATH && !onPath('soffice') && !onPath('libreoffice'))
    missing.push('libreoffice-writer-nogui');
  if (['pdftoppm', 'pdftotext', 'pdffonts', 'pdfinfo'].some((t) => !onPath(t))) missing.push('poppler-utils');
  if (!/Noto Serif CJK SC/.test(fonts) || !/Noto Sans CJK SC/.test(fonts)) missing.push('fonts-noto-cjk');
  if (!/AR PL UKai CN/.test(fonts)) missing.push('fonts-arphic-ukai');
  return missing;
}

/** Installs the missing tools when running as root; throws with the exact command otherwise. */
export async function ensureOfficeTools() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const what = missing.join(' ');
  if (!isRoot() || !onPath('apt-get')) {
    throw new Error(
      `缺少 ${what}（刊物文档的 PDF 转换与测试需要）。请以 root 安装：apt-get install -y --no-install-recommends ${what}` +
        ` / missing ${what}; install with: sudo ${INSTALL_HINT}`,
    );
  }
  const ok = await aptInstall(missing, {
    logFile: path.join(ROOT, 'test-results', 'apt-office-tools.log'),
    label: 'LibreOffice、poppler-utils 和中文字体',
  });
  if (!ok)
    throw new Error(`apt-get 安装 ${what} 失败，见 test-results/apt-office-tools.log / apt-get failed`);
  const still = missingPackages();
  if (still.length > 0)
    throw new Error(`安装后仍缺少 ${still.join(' ')} / still missing; try: ${INSTALL_HINT}`);
}

if (isMain(import.meta.url)) {
  try {
    await ensureOfficeTools();
    console.log(`✔ LibreOffice: ${process.env.SOFFICE_PATH ?? onPath('soffice') ?? onPath('libreoffice')}`);
    console.log(`✔ poppler-utils: ${onPath('pdftoppm')}`);
    console.log('✔ 字体 / fonts: Noto Serif CJK SC, Noto Sans CJK SC, AR PL UKai CN');
  } catch (e) {
    console.error(`✘ ${e.message}`);
    process.exit(1);
  }
}
