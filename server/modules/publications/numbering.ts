import type { PublicationLabelFormat } from '../../db/schema/orgs.ts';

/** The parts of a publication definition that decide how an issue number reads. */
export type LabelStyle = { labelFormat: PublicationLabelFormat; showTotal: boolean };
/** One issue's numbers: `number` within its series (per year or continuous), `totalNumber` since the first issue. */
export type IssueNumbers = { year: number; number: number; totalNumber?: number | null };

/**
 * The issue-number line of the masthead (期号), e.g. 2026年第25期, 〔2026〕25期 or 第25期, with
 * （总第125期） when the publication shows the running total. Numbers are plain Arabic numerals
 * without leading zeros, as GB/T 9704 writes 发文字号.
 */
export function formatIssueLabel(pub: LabelStyle, issue: IssueNumbers): string {
  const year = positive(issue.year, 'year');
  const number = positive(issue.number, 'number');
  const label =
    pub.labelFormat === 'year_issue'
      ? `${year}年第${number}期`
      : pub.labelFormat === 'bracket'
        ? `〔${year}〕${number}期`
        : `第${number}期`;
  if (!pub.showTotal || issue.totalNumber == null) return label;
  return `${label}（总第${positive(issue.totalNumber, 'totalNumber')}期）`;
}

function positive(n: number, what: string): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
  return String(n);
}
