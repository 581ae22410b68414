import { excerptAround, matchesOf } from './chars.ts';
import { type Finding, finding, type Place, placeLabel } from './findings.ts';

/**
 * Marks a writer leaves for "fill in later". Any of them reaching the office means the item was
 * sent unfinished, so they are fatal. Earlier patterns win where two overlap (20** is one mark).
 */
const PLACEHOLDERS: readonly RegExp[] = [
  // Year placeholders: 201*, 20**, 20XX, 201×.
  /(?<![0-9A-Za-z])(?:19|20)[0-9]?[*＊xX×]{1,3}(?![0-9A-Za-z])/g,
  /[*＊]{2,}/g,
  // XX, xx, XXX as a placeholder, not part of a Latin word (xxgk in an address is not one).
  /(?<![A-Za-zＡ-Ｚａ-ｚ])[XxＸｘ]{2,}(?![A-Za-zＡ-Ｚａ-ｚ])/g,
  /×{2,}/g,
  /□{2,}/g,
  // （此处…）, 【待补充】 and similar notes to self.
  /[（(【[]\s*(?:此处|待补充|待填|待定|请填写|请补充)[^）)】\]]{0,30}[）)】\]]/g,
];

/** Leftover placeholders in one paragraph (or the title), one finding per mark. */
export function placeholderFindings(text: string, place: Place): Finding[] {
  const taken: [number, number][] = [];
  const found: { start: number; f: Finding }[] = [];
  for (const pattern of PLACEHOLDERS) {
    for (const m of matchesOf(pattern, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({
        start,
        f: finding('placeholder', `${placeLabel(place)}有未填写的占位符“${m[0]}”，请补全后再提交`, {
          ...place,
          excerpt: excerptAround(text, start, m[0].length),
        }),
      });
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ f }) => f);
}
