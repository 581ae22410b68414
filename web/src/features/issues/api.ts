import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type {
  Candidate,
  IssueDetail,
  IssueFields,
  IssueFile,
  IssueFileKind,
  IssueFilters,
  IssuePage,
  StaffMember,
  Transition,
} from './types.ts';

export const ISSUES_KEY = ['issues'] as const;
export const ISSUE_PAGE_SIZE = 20;

export const issueKey = (id: string) => [...ISSUES_KEY, 'detail', id] as const;

/** The list's filters as a query string (empty values dropped). */
export function issueQueryString(filters: IssueFilters, page: number, pageSize = ISSUE_PAGE_SIZE) {
  return listQueryString(filters, { page, pageSize });
}

/** One page of issues; the previous page stays on screen while the next loads. */
export function useIssues(filters: IssueFilters, page: number, pageSize = ISSUE_PAGE_SIZE, enabled = true) {
  return useQuery({
    queryKey: [...ISSUES_KEY, 'list', filters, page, pageSize],
    queryFn: () => api<IssuePage>('GET', `/api/issues?${issueQueryString(filters, page, pageSize)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The years that have issues (newest first), for the year filter. */
export function useIssueYears(publicationId: string | undefined) {
  return useQuery({
    queryKey: [...ISSUES_KEY, 'years', publicationId ?? ''],
    queryFn: () =>
      api<number[]>(
        'GET',
        `/api/issues/years${publicationId ? `?publicationId=${encodeURIComponent(publicationId)}` : ''}`,
      ),
    staleTime: 60_000,
  });
}

export function useIssue(id: string | undefined) {
  return useQuery({
    queryKey: issueKey(id ?? ''),
    queryFn: () => api<IssueDetail>('GET', `/api/issues/${id}`),
    enabled: !!id,
    staleTime: 0,
  });
}

/** The office's accepted items not yet in an issue, those aimed at this publication first. */
export function useIssueCandidates(id: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ISSUES_KEY, 'candidates', id, q],
    queryFn: () =>
      api<{ items: Candidate[] }>(
        'GET',
        `/api/issues/${id}/candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      ).then((r) => r.items),
    enabled,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/** Active users of an office holding any of the roles (pickers for editor, signer, recipients). */
export function useOfficeStaff(
  officeId: string | null | undefined,
  roles: readonly string[],
  enabled = true,
) {
  return useQuery({
    queryKey: ['offices', officeId, 'staff', roles.join(',')],
    queryFn: () =>
      api<StaffMember[]>(
        'GET',
        `/api/offices/${officeId}/staff?roles=${encodeURIComponent(roles.join(','))}`,
      ),
    enabled: enabled && !!officeId,
    staleTime: 5 * 60_000,
  });
}

/**
 * Keeps every cached view of the issue in step after a write: its detail and every list; the
 * items it holds change status too, so their cached views are refreshed as well.
 */
function useIssueWrite<V>(fn: (vars: V) => Promise<IssueDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (issue) => qc.setQueryData(issueKey(issue.id), issue),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: [...ISSUES_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...ISSUES_KEY, 'years'] });
      void qc.invalidateQueries({ queryKey: ['items'] });
    },
  });
}

export function useCreateIssue() {
  return useIssueWrite(
    (input: { publicationId: string; title?: string; number?: number; totalNumber?: number }) =>
      api<IssueDetail>('POST', '/api/issues', input),
  );
}

export function useUpdateIssue() {
  return useIssueWrite(({ id, ...body }: IssueFields & { id: string; version: number }) =>
    api<IssueDetail>('PATCH', `/api/issues/${id}`, body),
  );
}

/** Replaces the ordered list of items (add, remove, reorder, 上网站) in one versioned call. */
export function useSetIssueItems() {
  return useIssueWrite(
    ({ id, ...body }: { id: string; version: number; items: { itemId: string; forPortal: boolean }[] }) =>
      api<IssueDetail>('PUT', `/api/issues/${id}/items`, body),
  );
}

export function useIssueTransition() {
  return useIssueWrite(
    ({ id, ...body }: { id: string; action: Transition; version: number; reason?: string }) =>
      api<IssueDetail>('POST', `/api/issues/${id}/transitions`, body),
  );
}

export function useDeleteIssue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<unknown>('DELETE', `/api/issues/${id}?version=${version}`),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ISSUES_KEY });
      void qc.invalidateQueries({ queryKey: ['items'] });
    },
  });
}

/** Renders and archives a DOCX or PDF of the issue. */
export function useGenerateIssueFile(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: IssueFileKind) => api<IssueFile>('POST', `/api/issues/${id}/files`, { kind }),
    onSettled: () => qc.invalidateQueries({ queryKey: issueKey(id) }),
  });
}
