import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_LABELS } from './roles.ts';

/** Every TypeScript source under a directory (tests included: they quote the messages). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('the chief editor’s role name', () => {
  it('is the label of roles.ts everywhere: no screen or message says 总编辑', () => {
    expect(ROLE_LABELS.chief_editor).toBe('主编/签发领导');
    const root = join(import.meta.dirname, '..', '..');
    const offenders = [...sources(join(root, 'server')), ...sources(join(root, 'web', 'src'))]
      .filter((path) => !path.endsWith('role-wording.unit.test.ts'))
      .filter((path) => readFileSync(path, 'utf8').includes('总编辑'));
    expect(offenders).toEqual([]);
  });
});
