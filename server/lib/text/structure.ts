import { charCount, excerptAround } from './chars.ts';
import { type Finding, finding } from './findings.ts';

export const TITLE_SOFT_MAX = 40;
export const PARAGRAPH_SOFT_MAX = 500;

/** Title length: an information title is read at a glance, so long ones are flagged. */
export function titleFindings(title: string): Finding[] {
  if (!title) return [finding('empty_title', '标题不能为空')];
  const length = charCount(title);
  if (length <= TITLE_SOFT_MAX) return [];
  return [
    finding('long_title', `标题较长（${length} 字），政务信息标题宜简洁，一般不超过 ${TITLE_SOFT_MAX} 字`, {
      excerpt: `${[...title].slice(0, TITLE_SOFT_MAX).join('')}…`,
    }),
  ];
}

/** A sentence ends at 。！？ (or their half-width forms), possibly followed by closing quotes. */
const SENTENCE_END = /[。！？!?]+[”’）」』]*/;

/** Paragraph shape: empty paragraphs, very long paragraphs, and a body of one sentence. */
export function bodyShapeFindings(paragraphs: readonly string[]): Finding[] {
  if (paragraphs.length === 0) return [finding('empty_body', '正文不能为空')];
  const found: Finding[] = [];
  paragraphs.forEach((text, i) => {
    const paragraph = i + 1;
    if (!/[\p{L}\p{N}]/u.test(text)) {
      found.push(
        finding('empty_paragraph', `第${paragraph}段没有文字内容，请删除或补全`, {
          paragraph,
          excerpt: text,
        }),
      );
    }
    const length = charCount(text);
    if (length > PARAGRAPH_SOFT_MAX) {
      found.push(
        finding('long_paragraph', `第${paragraph}段共${length}字，超过${PARAGRAPH_SOFT_MAX}字，建议分段`, {
          paragraph,
          excerpt: excerptAround(text, 0, 0, 24),
        }),
      );
    }
  });
  const sentences = paragraphs.flatMap((p) => p.split(SENTENCE_END)).filter((s) => /[\p{L}\p{N}]/u.test(s));
  if (sentences.length === 1) {
    found.push(finding('single_sentence', '正文只有一句话，内容过于单薄，请补充情况、做法或成效'));
  }
  return found;
}

/** Office and mobile numbers as written: digits with 区号 dashes, spaces, brackets and 转 extensions. */
const PHONE = /^[0-9+\-\s()（）转,，/]{7,40}$/;

/**
 * Contact fields, checked only when the caller passes them (undefined = not part of this check):
 * an empty author phone blocks submission; an empty signer is a warning until 签发 fills it.
 */
export function contactFindings(input: {
  authorPhone?: string | null;
  signerName?: string | null;
}): Finding[] {
  const found: Finding[] = [];
  if (input.authorPhone !== undefined) {
    const phone = (input.authorPhone ?? '').trim();
    if (!phone) {
      found.push(finding('missing_author_phone', '缺少撰稿人联系电话，请填写后再提交'));
    } else if (!PHONE.test(phone) || (phone.match(/[0-9]/g) ?? []).length < 7) {
      found.push(
        finding('invalid_author_phone', `撰稿人联系电话“${phone}”格式可疑，请核对`, { excerpt: phone }),
      );
    }
  }
  if (input.signerName !== undefined && !(input.signerName ?? '').trim()) {
    found.push(finding('missing_signer', '缺少签发人姓名'));
  }
  return found;
}
