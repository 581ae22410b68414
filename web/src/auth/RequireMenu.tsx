import type { ReactNode } from 'react';
import { Forbidden } from '../components/Forbidden.tsx';
import { useMe } from './context.ts';

/**
 * Shows a page only when the caller's menu holds its entry. The server enforces the same
 * roles; this just spares the caller a screen full of 403 errors.
 */
export function RequireMenu({ path, children }: { path: string; children: ReactNode }) {
  const me = useMe();
  if (!me.menu.some((m) => m.path === path)) return <Forbidden />;
  return children;
}
