import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { RankingRow } from '../api.ts';

/** The shapes of server/modules/assessment/notices/schemas.ts and snapshot.ts as JSON. */
export type NoticePeriod = 'month' | 'quarter' | 'year';
export type NoticeStatus = 'draft' | 'issued';

export type NoticeSummary = {
  id: string;
  officeId: string;
  officeName: string;
  period: NoticePeriod;
  periodStart: string;
  periodEnd: string;
  periodTitle: string;
  title: string;
  status: NoticeStatus;
  statusLabel: string;
  ruleSet: { id: string; name: string; versionNo: number };
  createdByName: string;
  createdAt: string;
  issuedAt: string | null;
  issuedByName: string | null;
  fileSha256: string | null;
  version: number;
};

/** What a 通报 prints, frozen when drafted or refreshed. */
export type NoticeSnapshot = {
  office: { id: string; name: string };
  ruleSet: { id: string; name: string; versionNo: number; periodStart: string; periodEnd: string };
  range: { from: string; to: string };
  periodTitle: string;
  groups: { code: string; name: string; rows: RankingRow[] }[];
  totals: { submitted: number; adoptedOwn: string; adoptedUpper: string; points: string };
  units: number;
  reporting: number;
  zeroSubmissions: string[];
  zeroAdoptions: string[];
  ranksOffices: boolean;
  adopted: { unitId: string; unitName: string; titles: { itemId: string; title: string; marks: string }[] }[];
  legend: { mark: string; meaning: string }[];
};

/** The seven texts of the notice, in the order they print. */
export type NoticeTexts = {
  title: string;
  addressee: string;
  opening: string;
  praise: string;
  laggards: string;
  problems: string;
  requirements: string;
};

export type Notice = NoticeSummary &
  NoticeTexts & {
    snapshot: NoticeSnapshot;
    canEdit: boolean;
    /** The caller's own units among the ranked (highlighted). */
    ownUnitIds: string[];
  };

export const NOTICES_KEY = ['assessment', 'notices'] as const;

export const noticeDocumentUrl = (id: string, format: 'docx' | 'pdf' | 'html') =>
  `/api/assessment/notices/${id}/document.${format}`;

export function useNotices(officeId: string | undefined) {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'list', officeId ?? null],
    queryFn: () =>
      api<NoticeSummary[]>(
        'GET',
        `/api/assessment/notices${officeId ? `?officeId=${encodeURIComponent(officeId)}` : ''}`,
      ),
    enabled: Boolean(officeId),
  });
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'detail', id],
    queryFn: () => api<Notice>('GET', `/api/assessment/notices/${id}`),
    enabled: Boolean(id),
    // A 404 (not the caller's, or a draft a unit may not read) is an answer, not a hiccup.
    retry: false,
  });
}

/** The latest issued notice of each office the caller reports to (the home page of a unit). */
export function useLatestNotices(enabled: boolean) {
  return useQuery({
    queryKey: [...NOTICES_KEY, 'latest'],
    queryFn: () => api<Notice[]>('GET', '/api/assessment/notices/latest'),
    enabled,
  });
}

export type CreateNoticeInput = { period: NoticePeriod; at: string; officeId?: string };

/**
 * Drafting, editing, refreshing, issuing and deleting: the answer is the notice as saved, put in
 * the cache at once (the form remounts on its new version); the lists refetch.
 */
export function useNoticeMutations() {
  const qc = useQueryClient();
  const saved = (n: Notice) => {
    qc.setQueryData([...NOTICES_KEY, 'detail', n.id], n);
    void qc.invalidateQueries({ queryKey: [...NOTICES_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: [...NOTICES_KEY, 'latest'] });
  };
  return {
    create: useMutation({
      mutationFn: (input: CreateNoticeInput) => api<Notice>('POST', '/api/assessment/notices', input),
      onSuccess: saved,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: NoticeTexts & { id: string; version: number }) =>
        api<Notice>('PUT', `/api/assessment/notices/${id}`, body),
      onSuccess: saved,
    }),
    refresh: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api<Notice>('POST', `/api/assessment/notices/${id}/refresh`, { version }),
      onSuccess: saved,
    }),
    issue: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api<Notice>('POST', `/api/assessment/notices/${id}/issue`, { version }),
      onSuccess: saved,
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api<void>('DELETE', `/api/assessment/notices/${id}?version=${version}`),
      onSuccess: () => {
        // The detail stays in the cache until the page has left it (a refetch would be a 404).
        void qc.invalidateQueries({ queryKey: [...NOTICES_KEY, 'list'] });
      },
    }),
  };
}

/** The caller's own rows in the snapshot, each with its group (rank of N). */
export function ownRows(n: Pick<Notice, 'snapshot' | 'ownUnitIds'>) {
  const mine = new Set(n.ownUnitIds);
  return n.snapshot.groups.flatMap((g) =>
    g.rows.filter((r) => mine.has(r.unitId)).map((row) => ({ group: g, row })),
  );
}
