import { createContext, useContext } from 'react';
import type { Me } from './types.ts';

export type AuthState = {
  /** The signed-in caller, or null when there is no session. */
  me: Me | null;
  /** True until the first answer of /api/auth/me. */
  loading: boolean;
  /** Why the caller was sent to the login page (e.g. the session timed out), if known. */
  notice: string | null;
  /** True after the caller chose to log out: the login page then needs no way back. */
  signedOut: boolean;
  logIn: (username: string, password: string) => Promise<Me>;
  logOut: () => Promise<void>;
  refresh: () => Promise<void>;
};

export const AuthContext = createContext<AuthState | null>(null);

/** The session of the caller; only valid below AuthProvider. */
export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** For pages behind RequireAuth, where a session is guaranteed. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe must be used behind <RequireAuth>');
  return me;
}

export const ME_KEY = ['auth', 'me'] as const;
