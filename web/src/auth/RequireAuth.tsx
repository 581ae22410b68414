import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './context.ts';

export const CHANGE_PASSWORD_PATH = '/change-password';

/**
 * Lets only signed-in callers through; sends everyone else to the login page with the way back,
 * and holds an account that must change its password on that screen.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, signedOut } = useAuth();
  const location = useLocation();
  if (!me) {
    const back = location.pathname + location.search;
    const to = back === '/' || signedOut ? '/login' : `/login?redirect=${encodeURIComponent(back)}`;
    return <Navigate to={to} replace />;
  }
  if (me.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return children;
}

/** Only same-site paths may be a redirect target after login (no open redirect). */
export function safeRedirect(target: string | null): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return '/';
  return target;
}
