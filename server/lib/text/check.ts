import { splitParagraphs } from './chars.ts';
import { capPerRule, type Finding, sortFindings } from './findings.ts';
import { numberFindings } from './numbers.ts';
import { placeholderFindings } from './placeholders.ts';
import { halfWidthFindings, pairFindings, repeatedMarkFindings } from './punctuation.ts';
import { sensitiveWordFindings } from './sensitive.ts';
import { bodyShapeFindings, contactFindings, titleFindings } from './structure.ts';

export type TextCheckInput = {
  title: string;
  body: string;
  /** undefined: not checked; empty: missing (fatal). */
  authorPhone?: string | null;
  /** undefined: not checked; empty: missing (warning). */
  signerName?: string | null;
};

/**
 * Every rule that needs only the text (no database): what the compose form shows while writing
 * and what blocks 提交签发. Near-duplicates are added by the items module, which can query.
 */
export function checkText(input: TextCheckInput, sensitiveWords: readonly string[] = []): Finding[] {
  const title = input.title.trim();
  const paragraphs = splitParagraphs(input.body);
  const found: Finding[] = [
    ...titleFindings(title),
    ...bodyShapeFindings(paragraphs),
    ...contactFindings(input),
  ];
  const places = [
    { text: title, place: {} },
    ...paragraphs.map((text, i) => ({ text, place: { paragraph: i + 1 } })),
  ];
  for (const { text, place } of places) {
    if (!text) continue;
    found.push(
      ...placeholderFindings(text, place),
      ...sensitiveWordFindings(text, place, sensitiveWords),
      ...halfWidthFindings(text, place),
      ...pairFindings(text, place),
      ...repeatedMarkFindings(text, place),
      ...numberFindings(text, place),
    );
  }
  return capPerRule(sortFindings(found));
}
