import { excerptAround } from './chars.ts';
import { type Finding, finding, type Place, placeLabel } from './findings.ts';

/** Spaces people put inside a word (绝 密) so it is still found. */
const INNER_SPACE = /[\s\u3000\u00a0\u200b]/g;

/**
 * Words an office never lets out in an information item (internal or classified markers). Fatal:
 * such an item must not travel upward. Matched case-insensitively, ignoring spaces inside the word.
 */
export function sensitiveWordFindings(text: string, place: Place, words: readonly string[]): Finding[] {
  const compact = text.replace(INNER_SPACE, '').toLowerCase();
  const found: Finding[] = [];
  for (const raw of words) {
    const word = raw.replace(INNER_SPACE, '').toLowerCase();
    if (!word || !compact.includes(word)) continue;
    const at = text.toLowerCase().indexOf(word);
    found.push(
      finding('sensitive_word', `${placeLabel(place)}含有敏感词“${raw.trim()}”，请删除或改写`, {
        ...place,
        excerpt: at >= 0 ? excerptAround(text, at, word.length) : raw.trim(),
      }),
    );
  }
  return found;
}
