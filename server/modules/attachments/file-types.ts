import { AppError, badRequest } from '../../lib/errors.ts';
import { describeSize } from '../../lib/upload.ts';

/**
 * The attachment allow-list. A file is accepted when its content (magic bytes) is one of these
 * types AND its extension belongs to the same family; the client's Content-Type is ignored.
 * Nothing that a browser could run (HTML, SVG, scripts, executables) can pass.
 */
export type AttachmentKind = 'image' | 'file';

type Family = 'jpeg' | 'png' | 'gif' | 'webp' | 'pdf' | 'ole' | 'zip' | 'text';

type AllowedType = { ext: string; family: Family; kind: AttachmentKind; mime: string };

const ALLOWED: readonly AllowedType[] = [
  { ext: 'jpg', family: 'jpeg', kind: 'image', mime: 'image/jpeg' },
  { ext: 'jpeg', family: 'jpeg', kind: 'image', mime: 'image/jpeg' },
  { ext: 'png', family: 'png', kind: 'image', mime: 'image/png' },
  { ext: 'gif', family: 'gif', kind: 'image', mime: 'image/gif' },
  { ext: 'webp', family: 'webp', kind: 'image', mime: 'image/webp' },
  { ext: 'pdf', family: 'pdf', kind: 'file', mime: 'application/pdf' },
  { ext: 'doc', family: 'ole', kind: 'file', mime: 'application/msword' },
  { ext: 'xls', family: 'ole', kind: 'file', mime: 'application/vnd.ms-excel' },
  { ext: 'wps', family: 'ole', kind: 'file', mime: 'application/kswps' },
  { ext: 'et', family: 'ole', kind: 'file', mime: 'application/kset' },
  {
    ext: 'docx',
    family: 'zip',
    kind: 'file',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    ext: 'xlsx',
    family: 'zip',
    kind: 'file',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  { ext: 'ofd', family: 'zip', kind: 'file', mime: 'application/ofd' },
  { ext: 'zip', family: 'zip', kind: 'file', mime: 'application/zip' },
  { ext: 'txt', family: 'text', kind: 'file', mime: 'text/plain' },
];

const IMAGE_EXTS = ['jpg', 'png', 'gif', 'webp'];
const FILE_EXTS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'txt', 'zip', 'ofd'];

/** Images are shown inline in the item, so they are kept small whatever the upload limit. */
export const IMAGE_LIMIT_BYTES = 5 * 1_048_576;

const FAMILY_LABELS: Record<Family, string> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  gif: 'GIF 图片',
  webp: 'WEBP 图片',
  pdf: 'PDF 文档',
  ole: 'Office/WPS 97-2003 文档',
  zip: 'ZIP 压缩包或 Office 文档',
  text: '纯文本',
};

export type DetectedType = { kind: AttachmentKind; mime: string; ext: string };

/** Human size, as the limits are written in messages. */

/** The message every refused type gets: what is allowed, and how big. */
export function unsupportedType(fileLimit: number, why = '不支持的文件类型'): AppError {
  const imageLimit = Math.min(IMAGE_LIMIT_BYTES, fileLimit);
  return new AppError(
    400,
    'UNSUPPORTED_FILE_TYPE',
    `${why}。允许上传：图片 ${IMAGE_EXTS.join('、').toUpperCase()}（不超过 ${describeSize(imageLimit)}）；` +
      `文件 ${FILE_EXTS.join('、').toUpperCase()}（不超过 ${describeSize(fileLimit)}）`,
  );
}

/**
 * Decides what an uploaded file is, from its bytes and its name's extension; throws a 400
 * naming the allowed types otherwise. Size limits are checked by the caller.
 */
export function detectType(content: Buffer, fileName: string, fileLimit: number): DetectedType {
  if (content.length === 0) throw badRequest('文件为空，请重新选择');
  const ext = extensionOf(fileName);
  const byExt = ALLOWED.find((t) => t.ext === ext);
  if (!byExt) throw unsupportedType(fileLimit, ext ? `不支持 .${ext} 文件` : '文件名缺少扩展名');
  const family = sniff(content);
  if (!family) throw unsupportedType(fileLimit);
  if (byExt.family !== family && !(byExt.kind === 'image' && isImage(family))) {
    throw unsupportedType(
      fileLimit,
      `文件内容（${FAMILY_LABELS[family]}）与扩展名 .${ext} 不符，请勿修改文件扩展名`,
    );
  }
  if (byExt.family === 'zip') {
    const names = zipEntryNames(content);
    if (!names) throw badRequest('压缩文件已损坏或不完整，请重新生成后上传');
    if (!zipMatches(names, byExt.ext)) {
      throw unsupportedType(fileLimit, `文件内容与扩展名 .${ext} 不符，请上传原始文件`);
    }
  }
  // An image keeps the type its bytes say (a PNG saved as .jpg is still served as a PNG).
  const mime =
    byExt.kind === 'image' ? (ALLOWED.find((t) => t.family === family)?.mime ?? byExt.mime) : byExt.mime;
  return { kind: byExt.kind, mime, ext };
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function isImage(family: Family): boolean {
  return family === 'jpeg' || family === 'png' || family === 'gif' || family === 'webp';
}

function startsWith(content: Buffer, bytes: readonly number[], offset = 0): boolean {
  return bytes.every((b, i) => content[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function sniff(content: Buffer): Family | null {
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(content, ascii('GIF87a')) || startsWith(content, ascii('GIF89a'))) return 'gif';
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(content, ascii('%PDF-'))) return 'pdf';
  if (startsWith(content, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(content, ascii('PK\x03\x04')) || startsWith(content, ascii('PK\x05\x06'))) return 'zip';
  if (isPlainText(content)) return 'text';
  return null;
}

/**
 * Plain text in any of the encodings offices use (UTF-8, GBK/GB18030, UTF-16 with a BOM):
 * no binary control bytes, and nothing a browser would sniff as markup.
 */
function isPlainText(content: Buffer): boolean {
  const head = content.subarray(0, 64 * 1024);
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return !looksLikeMarkup(new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head));
  }
  for (const byte of head) {
    // Tab, LF, FF, CR and ESC occur in real text files; other C0 controls and NUL mean binary.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b)
      return false;
  }
  return !looksLikeMarkup(head.toString('latin1'));
}

const MARKUP =
  /^\s*<(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|!--|[a-z][a-z0-9]*[\s>/])/i;

function looksLikeMarkup(text: string): boolean {
  return MARKUP.test(text.replace(/^\uFEFF/, '').replace(/^\xEF\xBB\xBF/, ''));
}

/** File names in a zip archive, from its central directory (no decompression). */
function zipEntryNames(content: Buffer): string[] | null {
  const end = content.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  if (end < 0 || end + 22 > content.length) return null;
  const count = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    names.push(content.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Tells the zip containers apart: a .docx has Word parts, a .xlsx Excel parts, an .ofd OFD.xml. */
function zipMatches(names: readonly string[], ext: string): boolean {
  const office = names.includes('[Content_Types].xml');
  if (ext === 'docx') return office && names.some((n) => n.startsWith('word/'));
  if (ext === 'xlsx') return office && names.some((n) => n.startsWith('xl/'));
  if (ext === 'ofd') return names.some((n) => n === 'OFD.xml' || n === '/OFD.xml');
  return true;
}

const MAX_NAME_LENGTH = 120;

/**
 * The name an attachment is stored and offered under: the original (Chinese kept), without any
 * path, control or bidi-override characters, or characters Windows refuses; at most 120
 * characters, keeping the extension.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const ext = extensionOf(name);
    const keep = ext && ext.length < 16 ? MAX_NAME_LENGTH - ext.length - 1 : MAX_NAME_LENGTH;
    name = chars.slice(0, keep).join('').trimEnd() + (keep < MAX_NAME_LENGTH ? `.${ext}` : '');
  }
  return name || '附件';
}
