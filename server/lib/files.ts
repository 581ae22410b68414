import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed blob store: `<root>/<sha256[0:2]>/<sha256>`. The same bytes are stored once
 * however many records point at them; a blob is written to a temporary file and renamed into
 * place, so a reader never sees half a file and a crash leaves at most a stray temp file.
 */

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The path of a blob; refuses anything that is not a sha256 so no path can be smuggled in. */
export function blobPath(root: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(root, sha256.slice(0, 2), sha256);
}

/**
 * Stores the bytes unless an intact copy is already there, and returns their hash. A present
 * file of the wrong size (a torn write from an older crash) is replaced.
 */
export async function storeBlob(
  root: string,
  content: Buffer,
): Promise<{ sha256: string; created: boolean }> {
  const sha256 = sha256Of(content);
  const target = blobPath(root, sha256);
  const existing = await fsp.stat(target).catch(() => null);
  if (existing?.isFile() && existing.size === content.length) return { sha256, created: false };
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fsp.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  return { sha256, created: true };
}

/** Opens a blob for streaming, or null when it is missing from disk. */
export async function openBlob(
  root: string,
  sha256: string,
): Promise<{ stream: fs.ReadStream; size: number } | null> {
  const file = blobPath(root, sha256);
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  return { stream: fs.createReadStream(file), size: stat.size };
}

/** Removes a blob that no record references any more (missing is fine). */
export async function removeBlob(root: string, sha256: string): Promise<void> {
  await fsp.rm(blobPath(root, sha256), { force: true });
}
