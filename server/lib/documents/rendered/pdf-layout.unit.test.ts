import { describe, expect, it } from 'vitest';
import {
  buildLayout,
  parseBboxLayout,
  parsePageSvgRules,
  parseTransform,
  splitSvgPages,
  visualRows,
} from './pdf-layout.ts';

/** Excerpt of `pdftotext -bbox-layout` on a LibreOffice 简报 PDF (page 1, shortened). */
const XHTML = `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><doc>
  <page width="595.303937" height="841.889764">
    <flow><block xMin="144.6" yMin="175.400764" xMax="456.6" yMax="243.000764">
        <line xMin="144.6" yMin="175.400764" xMax="456.6" yMax="243.000764">
          <word xMin="144.6" yMin="175.400764" xMax="456.6" yMax="243.000764">汾阳政务信息</word>
        </line></block></flow>
    <flow><block xMin="404.2" yMin="306.600764" xMax="521.7" yMax="327.400764">
        <line xMin="404.2" yMin="306.600764" xMax="521.7" yMax="327.400764">
          <word xMin="404.2" yMin="306.600764" xMax="437.256" yMax="327.400764">2026</word>
          <word xMin="440.5" yMin="306.600764" xMax="456.5" yMax="327.400764">年</word>
          <word xMin="459.7" yMin="306.600764" xMax="469.876" yMax="327.400764">3</word>
          <word xMin="473.1" yMin="306.600764" xMax="489.1" yMax="327.400764">月</word>
        </line></block></flow>
    <flow><block xMin="79.5" yMin="306.600764" xMax="239.5" yMax="327.400764">
        <line xMin="79.5" yMin="306.600764" xMax="239.5" yMax="327.400764">
          <word xMin="79.5" yMin="306.600764" xMax="239.5" yMax="327.400764">汾阳市人民政府办公室</word>
        </line></block></flow>
    <flow><block xMin="80.7" yMin="456.800764" xMax="520.6" yMax="485.400764">
        <line xMin="80.7" yMin="456.800764" xMax="520.6" yMax="485.400764">
          <word xMin="80.7" yMin="456.800764" xMax="520.6" yMax="485.400764">市财政局多措并举保障重点民生支出第&amp;项工</word>
        </line></block></flow>
  </page>
  <page width="595.303937" height="841.889764">
    <flow><block xMin="93.5" yMin="759.4" xMax="131.0" yMax="777.6">
        <line xMin="93.5" yMin="759.4" xMax="131.0" yMax="777.6">
          <word xMin="93.5" yMin="759.4" xMax="105.96" yMax="777.6">—</word>
          <word xMin="109.6" yMin="759.4" xMax="117.37" yMax="777.6">2</word>
          <word xMin="121.0" yMin="759.4" xMax="131.0" yMax="777.6">—</word>
        </line></block></flow>
  </page>
</doc></body></html>`;

/** LibreOffice: a stroked 版记 rule under cairo's page transform. */
const SVG_STROKE = `<svg viewBox="0 0 595.303937 841.889764"><defs><g id="glyph-0-1"><path d="M 0 0 L 100 0 L 100 1 L 0 1 Z"/></g></defs>
<g id="surface1">
<g style="fill:rgb(0%,0%,0%);fill-opacity:1;"><use xlink:href="#glyph-0-1" x="79.5" y="100"/></g>
<path style="fill:none;stroke-width:1;stroke:rgb(0%,0%,0%);" d="M 86.898363 214.890937 L 514.100413 214.890937 " transform="matrix(0.998832,0,0,-0.998832,0,841.343092)"/>
<path style="fill:none;stroke-width:0.75;stroke:rgb(0%,0%,0%);" d="M 86.898363 185.989996 L 514.100413 185.989996 " transform="matrix(0.998832,0,0,-0.998832,0,841.343092)"/>
<path style="fill:none;stroke-width:2.25;stroke:rgb(100%,0%,0%);" d="M 79.3 500 L 521 500 M 79.3 500 L 521 500" />
</g></svg>`;

/** Chromium: rules as thin filled boxes; the white page background is no rule. */
const SVG_FILL = `<svg viewBox="0 0 594.96 841.92"><g id="surface1"><g clip-path="url(#clip1)" clip-rule="nonzero">
<path style=" stroke:none;fill-rule:nonzero;fill:rgb(100%,100%,100%);fill-opacity:1;" d="M 0.0078125 0 L 595.453125 0 L 595.453125 842.167969 L 0.0078125 842.167969 Z M 0.0078125 0 "/>
<path style=" stroke:none;fill-rule:nonzero;fill:rgb(0%,0%,0%);fill-opacity:1;" d="M 79.5 626.941406 L 521.207031 626.941406 L 521.207031 627.691406 L 79.5 627.691406 Z M 79.5 626.941406 "/>
<path style=" stroke:none;fill:rgb(0%,0%,0%);" d="M 79.5 700 L 81 700 L 81 700.75 L 79.5 700.75 Z"/>
<path style=" stroke:none;fill:rgb(0%,0%,0%);" d="M 100 300 L 200 300 L 200 330 L 100 330 Z"/>
</g></g></svg>`;

describe('parseBboxLayout', () => {
  it('reads pages, lines and words in mm from the top-left, with font sizes', () => {
    const pages = parseBboxLayout(XHTML);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.widthMm).toBeCloseTo(210, 0);
    expect(pages[0]!.heightMm).toBeCloseTo(297, 0);
    const [masthead, date, office, title] = pages[0]!.lines;
    expect(masthead!.text).toBe('汾阳政务信息');
    expect(masthead!.x0).toBeCloseTo(51.01, 1);
    expect(masthead!.sizePt).toBeCloseTo(52, 0);
    expect(date!.text).toBe('2026 年 3 月');
    expect(date!.sizePt).toBeCloseTo(16, 0);
    expect(office!.x0).toBeCloseTo(28.05, 1);
    expect(office!.sizePt).toBeCloseTo(16, 0);
    expect(title!.text).toContain('第&项工');
    expect(title!.sizePt).toBeGreaterThan(20);
    expect(title!.x1).toBeCloseTo(183.65, 1);
    expect(pages[1]!.lines[0]!.text).toBe('— 2 —');
    expect(pages[1]!.number).toBe(2);
  });

  it('groups lines of one visual row', () => {
    const rows = visualRows(parseBboxLayout(XHTML)[0]!.lines);
    expect(rows.map((r) => r.map((l) => l.text.replace(/ /g, '')))).toEqual([
      ['汾阳政务信息'],
      ['汾阳市人民政府办公室', '2026年3月'],
      ['市财政局多措并举保障重点民生支出第&项工'],
    ]);
  });
});

describe('parsePageSvgRules', () => {
  it('reads stroked rules through the transform, with their widths, once each', () => {
    const rules = parsePageSvgRules(SVG_STROKE);
    expect(rules).toHaveLength(3);
    const [red, thick, thin] = rules;
    expect(thin!.widthMm).toBeCloseTo(0.264, 2);
    expect(thick!.widthMm).toBeCloseTo(0.352, 2);
    expect(thick!.x0).toBeCloseTo(30.62, 1);
    expect(thick!.x1).toBeCloseTo(181.15, 1);
    expect(thick!.y).toBeCloseTo(221.09, 1);
    expect(red).toMatchObject({ color: '#ff0000', source: 'stroke' });
    expect(red!.widthMm).toBeCloseTo(0.79, 2);
  });

  it('reads thin filled boxes as rules and ignores the background, short ticks and blocks', () => {
    const rules = parsePageSvgRules(SVG_FILL);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ source: 'fill', color: '#000000' });
    expect(rules[0]!.widthMm).toBeCloseTo(0.265, 2);
    expect(rules[0]!.x1 - rules[0]!.x0).toBeCloseTo(155.82, 1);
  });

  it('parses transforms', () => {
    expect(parseTransform('translate(10,20) scale(2)')).toEqual([2, 0, 0, 2, 10, 20]);
    expect(parseTransform(undefined)).toEqual([1, 0, 0, 1, 0, 0]);
  });
});

describe('buildLayout', () => {
  it('splits a multi-page SVG and pairs it with the text pages', () => {
    const body = (s: string) => s.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
    const svg = `<svg viewBox="0 0 595 842"><pageSet><page>${body(SVG_FILL)}</page><page>${body(SVG_STROKE)}</page></pageSet></svg>`;
    expect(splitSvgPages(svg)).toHaveLength(2);
    const layout = buildLayout(XHTML, svg);
    expect(layout.pages.map((p) => p.rules.length)).toEqual([1, 3]);
    expect(layout.pages[1]!.lines).toHaveLength(1);
  });
});
