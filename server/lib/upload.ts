import type { FastifyRequest } from 'fastify';
import { assertNoForbiddenChars, forbiddenCharError, forbiddenCharIn } from './control-chars.ts';
import { AppError, badRequest } from './errors.ts';

/** One uploaded file, wholly in memory and never longer than the limit it was read under. */
export type UploadedFile = { content: Buffer; fileName: string };

export type UploadOptions = {
  /** The most bytes the file may have; one more and the upload is refused. */
  limit: number;
  /** What the file is to the user, for the 413 message: 附件, 文件 … */
  what: string;
  /** What did not happen, for the 413 message: 未保存, 未导入 … */
  outcome: string;
  /** The 400 message when the request has no `file` part. */
  missing: string;
};

/**
 * Reads the one file of a multipart request (field `file`) for every upload endpoint.
 *
 * @fastify/multipart cuts a file at the size limit and reports it through `file.truncated` and a
 * 'limit' event; its own `toBuffer()` misses the cut when a network chunk ends exactly at the
 * limit, and the cut file then looks like a valid file of exactly the limit. So the bytes are read
 * here, and an upload is refused with 413 whenever the parser cut it, said so, or more bytes than
 * the limit arrived — before any command sees it, so nothing is stored. The file name and any
 * text fields before the file are checked for control characters like every other input.
 */
export async function readUploadedFile(req: FastifyRequest, options: UploadOptions): Promise<UploadedFile> {
  if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 方式上传文件（字段名 file）');
  const part = await req.file({ limits: { fileSize: options.limit, files: 1 }, throwFileSizeLimit: false });
  if (part?.fieldname !== 'file') {
    part?.file.resume();
    throw badRequest(options.missing);
  }
  let cut = false;
  part.file.once('limit', () => {
    cut = true;
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= options.limit) chunks.push(chunk);
  }
  if (cut || part.file.truncated || size > options.limit) {
    throw new AppError(
      413,
      'FILE_TOO_LARGE',
      `${options.what}超过 ${describeSize(options.limit)} 的上限，${options.outcome}`,
    );
  }
  const fileName = part.filename ?? '';
  const code = forbiddenCharIn(fileName);
  if (code !== null) throw forbiddenCharError(code, 'file/filename');
  assertNoForbiddenChars(textFieldsOf(part.fields), 'fields');
  return { content: Buffer.concat(chunks, size), fileName };
}

/** The plain text fields that came before the file in the form. */
function textFieldsOf(fields: Record<string, unknown>): Record<string, unknown> {
  const texts: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields ?? {})) {
    const all = Array.isArray(field) ? field : [field];
    texts[name] = all
      .filter((f): f is { type: 'field'; value: unknown } => (f as { type?: string })?.type === 'field')
      .map((f) => f.value);
  }
  return texts;
}

/** `10 MB`, `2 KB`: sizes as the limits are announced to users. */
export function describeSize(bytes: number): string {
  return bytes >= 1_048_576
    ? `${Math.round((bytes / 1_048_576) * 10) / 10} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}
