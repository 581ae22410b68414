import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Role } from '../../auth/types.ts';
import type {
  CreateUserInput,
  PendingGrantRow,
  UpdateUserInput,
  User,
  UserFilters,
  UserPage,
} from './types.ts';

const USERS_KEY = ['users'] as const;
export const USER_PAGE_SIZE = 20;

/** The filters as a query string, shared by the list and the Excel export so both match. */
export function userQueryString(filters: UserFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  if (page) {
    params.set('page', String(page));
    params.set('pageSize', String(USER_PAGE_SIZE));
  }
  return params.toString();
}

/** One page of accounts; the previous page stays on screen while the next one loads. */
export function useUsers(filters: UserFilters, page: number) {
  return useQuery({
    queryKey: [...USERS_KEY, filters, page],
    queryFn: () => api<UserPage>('GET', `/api/users?${userQueryString(filters, page)}`),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: USERS_KEY }) });
}

/** 待确认授权: accounts whose business roles wait for the security administrator. */
export function usePendingGrants() {
  return useQuery({
    queryKey: [...USERS_KEY, 'pending-grants'],
    queryFn: () => api<{ items: PendingGrantRow[] }>('GET', '/api/users/pending-grants'),
  });
}

/** Confirms (in force at once) or rejects (with a reason) some of an account's pending grants. */
export function useReviewGrants() {
  return useUserMutation(
    ({
      id,
      decision,
      ...body
    }: {
      id: string;
      decision: 'confirm' | 'reject';
      roles: Role[];
      reason?: string;
      version: number;
    }) => api<User>('POST', `/api/users/${id}/role-grants/${decision}`, body),
  );
}

export function useCreateUser() {
  return useUserMutation((input: CreateUserInput) => api<User>('POST', '/api/users', input));
}

export function useUpdateUser() {
  return useUserMutation(({ id, ...body }: UpdateUserInput & { id: string }) =>
    api<User>('PATCH', `/api/users/${id}`, body),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, password }: { id: string; password: string }) =>
    api<unknown>('POST', `/api/users/${id}/reset-password`, { password }),
  );
}

export function useSetRoles() {
  return useUserMutation(({ id, ...body }: { id: string; roles: Role[]; version: number }) =>
    api<User>('PUT', `/api/users/${id}/roles`, body),
  );
}

/** 解锁, 停用 and 启用: a POST with the version (unlock does not need one; it is harmless). */
export function useUserStateChange() {
  return useUserMutation(
    ({
      id,
      action,
      version,
    }: {
      id: string;
      action: 'unlock' | 'deactivate' | 'activate';
      version: number;
    }) => api<User>('POST', `/api/users/${id}/${action}`, action === 'unlock' ? undefined : { version }),
  );
}
