import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * What a rendered PDF shows, page by page, in millimetres from the page's top-left corner: the text
 * lines (from `pdftotext -bbox-layout`) and the drawn horizontal rules (from `pdftocairo -svg`,
 * which writes strokes as stroked paths and thin boxes as filled rectangles). The parsers are pure
 * functions of the tools' output; `readPdfLayout` runs the tools.
 *
 * Verified on LibreOffice 7.4 and Chromium PDFs of the 简报: LibreOffice draws the 版记 rules as
 * stroked lines under a page transform, Chromium as 0.75 pt filled rectangles; both come out here
 * as the same `Rule`.
 */

export const PT_TO_MM = 25.4 / 72;
const mm = (pt: number) => pt * PT_TO_MM;

export type Box = { x0: number; y0: number; x1: number; y1: number };

export type TextWord = Box & { text: string };

export type TextLine = Box & {
  /** The words joined by single spaces, as pdftotext separates them. */
  text: string;
  words: TextWord[];
  /** yMax − yMin, in mm. */
  heightMm: number;
  /**
   * Font size estimate in pt. From the advance of the characters (a CJK glyph is one em wide,
   * digits and Latin about half) when the line has enough CJK, otherwise from the line height (LibreOffice's CJK
   * fonts give a box of 1.3 em). Letter-spacing shifts the first estimate by its amount.
   */
  sizePt: number;
};

export type Rule = {
  /** Left and right ends, in mm from the left edge. */
  x0: number;
  x1: number;
  /** Centre line, in mm from the top edge. */
  y: number;
  /** Stroke width (or the filled box's height), in mm. */
  widthMm: number;
  /** '#rrggbb', or null when the tool did not say. */
  color: string | null;
  source: 'stroke' | 'fill';
};

export type PdfPage = {
  /** 1-based. */
  number: number;
  widthMm: number;
  heightMm: number;
  lines: TextLine[];
  rules: Rule[];
};

export type PdfLayout = { pages: PdfPage[] };

/** Height / size of the line boxes pdftotext reports for the CJK fonts LibreOffice embeds. */
export const LINE_BOX_EM = 1.3;

const FULL_WIDTH =
  /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u2014\u2026\u201c\u201d\u2018\u2019]/u;

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

function boxOf(a: Record<string, string>): Box {
  return {
    x0: mm(Number(a.xMin)),
    y0: mm(Number(a.yMin)),
    x1: mm(Number(a.xMax)),
    y1: mm(Number(a.yMax)),
  };
}

/** Advance of a half-width character (digits, Latin) in the CJK fonts, in em. */
const HALF_WIDTH_EM = 0.55;

/** Font size in pt from a line's words: their advance in em when possible, else the box height. */
export function estimateSizePt(words: TextWord[], heightMm: number): number {
  let width = 0;
  let ems = 0;
  let full = 0;
  for (const w of words) {
    const chars = [...w.text].filter((c) => c.trim());
    const nFull = chars.filter((c) => FULL_WIDTH.test(c)).length;
    if (nFull < 1 || nFull * 3 < chars.length - nFull) continue;
    width += w.x1 - w.x0;
    ems += nFull + (chars.length - nFull) * HALF_WIDTH_EM;
    full += nFull;
  }
  if (full >= 1) return width / ems / PT_TO_MM;
  return heightMm / PT_TO_MM / LINE_BOX_EM;
}

export type TextPage = { number: number; widthMm: number; heightMm: number; lines: TextLine[] };

/** Parses `pdftotext -bbox-layout` XHTML: one entry per page, lines in the tool's reading order. */
export function parseBboxLayout(xhtml: string): TextPage[] {
  const pages: TextPage[] = [];
  const pageRe = /<page\b([^>]*)>([\s\S]*?)<\/page>/g;
  for (const pm of xhtml.matchAll(pageRe)) {
    const pa = attrs(pm[1]!);
    const lines: TextLine[] = [];
    for (const lm of pm[2]!.matchAll(/<line\b([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words: TextWord[] = [];
      for (const wm of lm[2]!.matchAll(/<word\b([^>]*)>([\s\S]*?)<\/word>/g)) {
        words.push({ ...boxOf(attrs(wm[1]!)), text: decodeEntities(wm[2]!) });
      }
      if (!words.length) continue;
      const box = boxOf(attrs(lm[1]!));
      const heightMm = box.y1 - box.y0;
      lines.push({
        ...box,
        text: words.map((w) => w.text).join(' '),
        words,
        heightMm,
        sizePt: estimateSizePt(words, heightMm),
      });
    }
    pages.push({
      number: pages.length + 1,
      widthMm: mm(Number(pa.width)),
      heightMm: mm(Number(pa.height)),
      lines,
    });
  }
  return pages;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied after n: (m ∘ n)(p) = m(n(p)).
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** Parses an SVG transform attribute (matrix, translate, scale — what cairo writes). */
export function parseTransform(value: string | undefined): Matrix {
  if (!value) return IDENTITY;
  let result: Matrix = IDENTITY;
  for (const m of value.matchAll(/(matrix|translate|scale)\s*\(([^)]*)\)/g)) {
    const n = m[2]!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    let t: Matrix = IDENTITY;
    if (m[1] === 'matrix' && n.length === 6) t = n as Matrix;
    else if (m[1] === 'translate') t = [1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0];
    else if (m[1] === 'scale') t = [n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1, 0, 0];
    result = multiply(result, t);
  }
  return result;
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

function styleOf(a: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (a.style ?? '').split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  for (const key of ['fill', 'stroke', 'stroke-width']) if (a[key] && !out[key]) out[key] = a[key];
  return out;
}

function colour(value: string | undefined): string | null {
  if (!value || value === 'none') return null;
  const pct = /rgb\(\s*([\d.]+)%\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)/.exec(value);
  const hex = (v: number) =>
    Math.round(Math.max(0, Math.min(255, v)))
      .toString(16)
      .padStart(2, '0');
  if (pct)
    return `#${hex((Number(pct[1]) * 255) / 100)}${hex((Number(pct[2]) * 255) / 100)}${hex((Number(pct[3]) * 255) / 100)}`;
  const rgb = /rgb\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)/.exec(value);
  if (rgb) return `#${hex(Number(rgb[1]))}${hex(Number(rgb[2]))}${hex(Number(rgb[3]))}`;
  if (/^#[0-9a-f]{6}$/i.test(value)) return value.toLowerCase();
  return null;
}

/** Sub-paths of absolute M/L/H/V/C/Z path data, as polylines (curves keep their end points). */
function subpaths(d: string): { points: [number, number][]; closed: boolean; curved: boolean }[] {
  const out: { points: [number, number][]; closed: boolean; curved: boolean }[] = [];
  let current: { points: [number, number][]; closed: boolean; curved: boolean } | null = null;
  const tokens = d.match(/[MLHVCZmlhvcz]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  let cmd = '';
  let i = 0;
  const num = () => Number(tokens[i++]);
  let x = 0;
  let y = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/[A-Za-z]/.test(t)) {
      cmd = t;
      i++;
      if (cmd === 'Z' || cmd === 'z') {
        if (current) current.closed = true;
        continue;
      }
    }
    if (cmd === 'M') {
      x = num();
      y = num();
      current = { points: [[x, y]], closed: false, curved: false };
      out.push(current);
      cmd = 'L';
    } else if (cmd === 'L') {
      x = num();
      y = num();
      current?.points.push([x, y]);
    } else if (cmd === 'H') {
      x = num();
      current?.points.push([x, y]);
    } else if (cmd === 'V') {
      y = num();
      current?.points.push([x, y]);
    } else if (cmd === 'C') {
      i += 4;
      x = num();
      y = num();
      if (current) {
        current.curved = true;
        current.points.push([x, y]);
      }
    } else {
      // Relative commands are not written by cairo; skip the token rather than misread it.
      i++;
    }
  }
  return out;
}

/** Shortest rule kept, in mm: shorter horizontal marks are glyph parts or table-cell ticks. */
export const MIN_RULE_LENGTH_MM = 5;
/** Thickest filled box still taken for a rule, in mm. */
export const MAX_RULE_THICKNESS_MM = 2;

/** Rules drawn on one page's SVG content (pdftocairo -svg), in mm from the top-left corner. */
export function parsePageSvgRules(svg: string): Rule[] {
  const rules: Rule[] = [];
  // Glyph outlines, clip paths and patterns live in <defs>; only the page content draws.
  const content = svg.replace(/<defs>[\s\S]*?<\/defs>/g, '');
  const stack: Matrix[] = [IDENTITY];
  for (const m of content.matchAll(/<(\/?)(g|path|rect|line)\b([^>]*?)(\/?)>/g)) {
    const [, closing, tag, rawAttrs, selfClosing] = m;
    const top = stack[stack.length - 1]!;
    if (tag === 'g') {
      if (closing) {
        if (stack.length > 1) stack.pop();
      } else if (!selfClosing) {
        stack.push(multiply(top, parseTransform(attrs(rawAttrs!).transform)));
      }
      continue;
    }
    if (closing) continue;
    const a = attrs(rawAttrs!);
    const matrix = multiply(top, parseTransform(a.transform));
    const style = styleOf(a);
    let paths: { points: [number, number][]; closed: boolean; curved: boolean }[];
    if (tag === 'path') paths = subpaths(a.d ?? '');
    else if (tag === 'rect') {
      const x = Number(a.x ?? 0);
      const y = Number(a.y ?? 0);
      const w = Number(a.width ?? 0);
      const h = Number(a.height ?? 0);
      paths = [
        {
          points: [
            [x, y],
            [x + w, y],
            [x + w, y + h],
            [x, y + h],
          ],
          closed: true,
          curved: false,
        },
      ];
    } else {
      paths = [
        {
          points: [
            [Number(a.x1 ?? 0), Number(a.y1 ?? 0)],
            [Number(a.x2 ?? 0), Number(a.y2 ?? 0)],
          ],
          closed: false,
          curved: false,
        },
      ];
    }
    const visible = (c: string | null) => (c === '#ffffff' ? null : c);
    const stroke = visible(colour(style.stroke));
    const fill = tag === 'line' ? null : style.fill === undefined ? '#000000' : visible(colour(style.fill));
    const scale = Math.sqrt(Math.abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]));
    const strokeWidth = Number(style['stroke-width'] ?? 1) * scale;
    for (const p of paths) {
      if (p.curved) continue;
      const pts = p.points.map(([px, py]) => apply(matrix, px, py));
      if (stroke) {
        for (let k = 1; k < pts.length; k++) {
          const [ax, ay] = pts[k - 1]!;
          const [bx, by] = pts[k]!;
          if (Math.abs(ay - by) < 0.01 && mm(Math.abs(bx - ax)) >= MIN_RULE_LENGTH_MM) {
            rules.push({
              x0: mm(Math.min(ax, bx)),
              x1: mm(Math.max(ax, bx)),
              y: mm(ay),
              widthMm: mm(strokeWidth),
              color: stroke,
              source: 'stroke',
            });
          }
        }
      }
      if (fill) {
        const distinct = pts.filter(
          (q, k) =>
            k === 0 || Math.abs(q[0] - pts[k - 1]![0]) > 1e-6 || Math.abs(q[1] - pts[k - 1]![1]) > 1e-6,
        );
        const last = distinct[distinct.length - 1];
        if (last && distinct.length === 5 && Math.abs(last[0] - distinct[0]![0]) < 1e-6) distinct.pop();
        if (distinct.length !== 4) continue;
        const xs = distinct.map((q) => q[0]);
        const ys = distinct.map((q) => q[1]);
        const axisAligned = distinct.every((q, k) => {
          const n = distinct[(k + 1) % 4]!;
          return Math.abs(q[0] - n[0]) < 1e-3 || Math.abs(q[1] - n[1]) < 1e-3;
        });
        if (!axisAligned) continue;
        const x0 = mm(Math.min(...xs));
        const x1 = mm(Math.max(...xs));
        const y0 = mm(Math.min(...ys));
        const y1 = mm(Math.max(...ys));
        if (y1 - y0 <= MAX_RULE_THICKNESS_MM && y1 - y0 > 0 && x1 - x0 >= MIN_RULE_LENGTH_MM) {
          rules.push({ x0, x1, y: (y0 + y1) / 2, widthMm: y1 - y0, color: fill, source: 'fill' });
        }
      }
    }
  }
  rules.sort((r, s) => r.y - s.y || r.x0 - s.x0);
  // LibreOffice sometimes draws the same line twice (border and paragraph rule): keep one.
  return rules.filter((r, i) => {
    const p = rules[i - 1];
    return !(
      p &&
      Math.abs(p.y - r.y) < 0.01 &&
      Math.abs(p.x0 - r.x0) < 0.01 &&
      Math.abs(p.x1 - r.x1) < 0.01 &&
      Math.abs(p.widthMm - r.widthMm) < 0.01
    );
  });
}

/** Splits pdftocairo's SVG (a <pageSet> of <page>s for several pages, plain for one) per page. */
export function splitSvgPages(svg: string): string[] {
  if (!svg.includes('<pageSet>')) return [svg];
  const defs = /<defs>[\s\S]*?<\/defs>/.exec(svg)?.[0] ?? '';
  return [...svg.matchAll(/<page>([\s\S]*?)<\/page>/g)].map((m) => defs + m[1]!);
}

/** Combines the two tools' outputs into the layout. */
export function buildLayout(xhtml: string, svg: string): PdfLayout {
  const text = parseBboxLayout(xhtml);
  const svgPages = splitSvgPages(svg);
  return {
    pages: text.map((p, i) => ({ ...p, rules: svgPages[i] ? parsePageSvgRules(svgPages[i]!) : [] })),
  };
}

/** Lines that share a visual row (e.g. 责任编辑 … 签发 … 共印), top to bottom, left to right. */
export function visualRows(lines: TextLine[]): TextLine[][] {
  const sorted = [...lines].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  const rows: TextLine[][] = [];
  for (const line of sorted) {
    const row = rows[rows.length - 1];
    const centre = (line.y0 + line.y1) / 2;
    if (row) {
      const ref = row[0]!;
      const refCentre = (ref.y0 + ref.y1) / 2;
      if (Math.abs(centre - refCentre) < Math.min(ref.heightMm, line.heightMm) / 2) {
        row.push(line);
        row.sort((a, b) => a.x0 - b.x0);
        continue;
      }
    }
    rows.push([line]);
  }
  return rows;
}

/** Whitespace-free text, for comparing lines across renderers. */
export const compactText = (text: string) => text.replace(/\s+/g, '');

export class PdfToolError extends Error {}

/** Runs a poppler tool, collecting stdout; rejects with the tool's message on failure. */
export function runPoppler(cmd: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new PdfToolError(`${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new PdfToolError(`${cmd} exited with ${code}: ${err.slice(-1000)}`));
    });
  });
}

/** Reads a PDF (path or bytes) with pdftotext and pdftocairo. */
export async function readPdfLayout(pdf: string | Buffer): Promise<PdfLayout> {
  let dir: string | null = null;
  let file: string;
  if (typeof pdf === 'string') file = pdf;
  else {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'xinbao-layout-'));
    file = path.join(dir, 'document.pdf');
    await fsp.writeFile(file, pdf);
  }
  try {
    const [xhtml, svg] = await Promise.all([
      runPoppler('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-']),
      runPoppler('pdftocairo', ['-svg', file, '-']),
    ]);
    return buildLayout(xhtml, svg);
  } finally {
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  }
}
