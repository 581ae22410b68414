#!/usr/bin/env node
// Finds Chromium for the end-to-end tests and the acceptance walkthrough, plus the CJK fonts that
// make Chinese readable in screenshots. As root it installs what is missing from Debian; otherwise
// it says exactly what to install. Prints the browser path on success.
// Usage: node scripts/ensure-chromium.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { aptInstall, isMain, isRoot, ROOT } from './lib/util.mjs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const INSTALL_HINT = 'apt-get install -y --no-install-recommends chromium fonts-noto-cjk';

function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (isExecutable(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(
      `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} 不存在或不可执行 / is not an executable file`,
    );
  }
  return CANDIDATES.find(isExecutable) ?? null;
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function hasCjkFonts() {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (/CJK/i.test(out)) return true;
  } catch {}
  return fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
}

/** Returns the Chromium executable path, installing Chromium and CJK fonts first when possible. */
export async function ensureChromium() {
  let browser = findChromium();
  const fonts = hasCjkFonts();
  const missing = [...(browser ? [] : ['chromium']), ...(fonts ? [] : ['fonts-noto-cjk'])];
  if (missing.length > 0) {
    if (!isRoot()) {
      const what = missing.join(' ');
      throw new Error(
        `缺少 ${what}。请以 root 安装：apt-get install -y --no-install-recommends ${what}` +
          `（或设置 CHROMIUM_PATH 指向 Chromium）/ missing ${what}; install it with: sudo ${INSTALL_HINT}`,
      );
    }
    const ok = await aptInstall(missing, {
      logFile: path.join(ROOT, 'test-results', 'apt-chromium.log'),
      label: missing.includes('chromium') ? 'Chromium 浏览器和中文字体' : '中文字体',
    });
    if (!ok) {
      throw new Error(
        `apt-get 安装 ${missing.join(' ')} 失败，见 test-results/apt-chromium.log / apt-get failed`,
      );
    }
    browser = findChromium();
    if (!browser) throw new Error(`安装后仍找不到 Chromium / chromium still not found; try: ${INSTALL_HINT}`);
  }
  return browser;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensureChromium());
  } catch (e) {
    console.error(`✘ ${e.message}`);
    process.exit(1);
  }
}
