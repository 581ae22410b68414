import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { AuthContext, type AuthState, ME_KEY } from './context.ts';
import type { Me } from './types.ts';

const EXPIRED = '登录已超时，请重新登录';

/**
 * Owns the session: loads /api/auth/me once, keeps the CSRF token in the API client, and drops
 * the session when any request answers 401 (the client fires 'xinbao:unauthorized').
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('GET', '/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          setCsrfToken(null);
          if (err.message === EXPIRED) setNotice(EXPIRED);
          return null;
        }
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  /** Forgets everything cached for the previous caller, keeping only the (now empty) session. */
  const dropSession = useCallback(() => {
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);

  useEffect(() => {
    const onUnauthorized = () => {
      const hadSession = queryClient.getQueryData(ME_KEY) != null;
      dropSession();
      // The login page shows the notice; RequireAuth takes the caller there with the way back.
      if (hadSession) setNotice(EXPIRED);
    };
    window.addEventListener('xinbao:unauthorized', onUnauthorized);
    return () => window.removeEventListener('xinbao:unauthorized', onUnauthorized);
  }, [queryClient, dropSession]);

  const logIn = useCallback(
    async (username: string, password: string) => {
      const me = await api<Me>('POST', '/api/auth/login', { username, password });
      setCsrfToken(me.csrfToken);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, me);
      setNotice(null);
      setSignedOut(false);
      return me;
    },
    [queryClient],
  );

  const logOut = useCallback(async () => {
    try {
      await api('POST', '/api/auth/logout');
    } catch (err) {
      // 401: the session had already ended, which is what the caller wanted.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    } finally {
      setSignedOut(true);
      dropSession();
      setNotice(null);
    }
  }, [dropSession]);

  const { refetch } = query;
  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const value = useMemo<AuthState>(
    () => ({ me: query.data ?? null, loading: query.isPending, notice, signedOut, logIn, logOut, refresh }),
    [query.data, query.isPending, notice, signedOut, logIn, logOut, refresh],
  );

  if (query.isPending) return <FullPageSpin />;
  if (query.isError) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={query.error.message}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
