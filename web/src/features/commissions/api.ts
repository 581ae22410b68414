import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type { RecordFile } from '../../components/RecordFiles.tsx';

/** The shapes of server/modules/commissions/schemas.ts as JSON (dates are strings). */
export type CommissionStatus = 'draft' | 'issued' | 'closed' | 'cancelled';
export type CommissionAnswer = 'open' | 'answered' | 'declined';
export type CommissionAction = 'edit' | 'issue' | 'cancel' | 'close' | 'attach' | 'answer' | 'decline';
export type ItemStatus = string;

export type CommissionCounts = {
  total: number;
  read: number;
  answered: number;
  declined: number;
  open: number;
  /** Answered (报送 or 婉拒) after the deadline. */
  late: number;
  /** No answer by the deadline, or none when the commission was closed. */
  missed: number;
};

export type CommissionFile = RecordFile;

export type LinkedItem = {
  id: string;
  title: string;
  status: ItemStatus;
  statusLabel: string;
  submittedAt: string | null;
};

export type CommissionTarget = {
  unit: { id: string; name: string };
  readAt: string | null;
  readByName: string | null;
  answer: CommissionAnswer;
  answerLabel: string;
  answeredAt: string | null;
  late: boolean;
  overdue: boolean;
  missed: boolean;
  declineReason: string | null;
  items: LinkedItem[];
  actions: ('answer' | 'decline')[];
};

export type Commission = {
  id: string;
  office: { id: string; name: string };
  year: number | null;
  number: number | null;
  /** 汾政办约〔2026〕3号, once issued. */
  numberLabel: string | null;
  /** 关于报送××信息的约稿通知 */
  title: string;
  topic: string;
  requirements: string;
  deadline: string;
  /** 2026-03-10 17:00 (Beijing). */
  deadlineLabel: string;
  contactName: string;
  contactPhone: string;
  status: CommissionStatus;
  statusLabel: string;
  overdue: boolean;
  createdByName: string;
  createdAt: string;
  issuedAt: string | null;
  issuedByName: string | null;
  closedAt: string | null;
  cancelReason: string | null;
  version: number;
  /** Over the targets the caller sees (a unit: its own). */
  counts: CommissionCounts;
  targets: CommissionTarget[];
  files: CommissionFile[];
  actions: CommissionAction[];
};

export type CommissionRow = {
  id: string;
  office: { id: string; name: string };
  numberLabel: string | null;
  topic: string;
  deadline: string;
  deadlineLabel: string;
  status: CommissionStatus;
  statusLabel: string;
  issuedAt: string | null;
  createdByName: string;
  counts: CommissionCounts;
  /** Still issued after the deadline with units not answered. */
  overdue: boolean;
  /** For a target unit: its own read receipt and answer. */
  mine: {
    unitId: string;
    readAt: string | null;
    answer: CommissionAnswer;
    answerLabel: string;
    answeredAt: string | null;
    late: boolean;
    declineReason: string | null;
  } | null;
};

export type CommissionPage = { items: CommissionRow[]; total: number; page: number; pageSize: number };

export type CommissionFilters = {
  status?: CommissionStatus;
  unitId?: string;
  overdue?: boolean;
  q?: string;
};

export type CommissionInput = {
  topic: string;
  requirements: string;
  /** 2026-03-10T17:00:00+08:00 */
  deadline: string;
  contactName: string;
  contactPhone: string;
  unitIds?: string[];
  groupCodes?: string[];
};

/** Every commission query starts here; the live 'commissions' event invalidates this prefix. */
export const COMMISSIONS_KEY = ['commissions'] as const;
export const COMMISSION_PAGE_SIZE = 20;

export function commissionQueryString(filters: CommissionFilters, page: number, pageSize: number) {
  return listQueryString(filters, { page, pageSize });
}

export function useCommissions(filters: CommissionFilters, page: number) {
  return useQuery({
    queryKey: [...COMMISSIONS_KEY, 'list', filters, page],
    queryFn: () =>
      api<CommissionPage>(
        'GET',
        `/api/commissions?${commissionQueryString(filters, page, COMMISSION_PAGE_SIZE)}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The detail; a target unit's first opening records its read receipt on the server. */
export function useCommission(id: string | undefined) {
  return useQuery({
    queryKey: [...COMMISSIONS_KEY, 'detail', id],
    queryFn: () => api<Commission>('GET', `/api/commissions/${id}`),
    enabled: !!id,
  });
}

/** A write refreshes every commission query (lists, detail, counts). */
function useCommissionMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: COMMISSIONS_KEY });
    },
  });
}

export function useCreateCommission() {
  return useCommissionMutation((input: CommissionInput) =>
    api<Commission>('POST', '/api/commissions', input),
  );
}

export function useUpdateCommission() {
  return useCommissionMutation(
    ({ id, ...body }: Partial<CommissionInput> & { id: string; version: number }) =>
      api<Commission>('PATCH', `/api/commissions/${id}`, body),
  );
}

export function useIssueCommission() {
  return useCommissionMutation(({ id, version }: { id: string; version: number }) =>
    api<Commission>('POST', `/api/commissions/${id}/issue`, { version }),
  );
}

export function useCloseCommission() {
  return useCommissionMutation(({ id, version }: { id: string; version: number }) =>
    api<Commission>('POST', `/api/commissions/${id}/close`, { version }),
  );
}

export function useCancelCommission() {
  return useCommissionMutation(({ id, ...body }: { id: string; reason: string; version: number }) =>
    api<Commission>('POST', `/api/commissions/${id}/cancel`, body),
  );
}

export function useDeclineCommission() {
  return useCommissionMutation(({ id, ...body }: { id: string; reason: string; unitId?: string }) =>
    api<Commission>('POST', `/api/commissions/${id}/decline`, body),
  );
}

export const commissionFileUrl = (id: string) => `/api/commissions/${id}/files`;
export const commissionDownloadUrl = (id: string, fileId: string) => `/api/commissions/${id}/files/${fileId}`;
export const noticeUrl = (id: string, format: 'docx' | 'pdf' | 'html') =>
  `/api/commissions/${id}/notice.${format}`;
/** The compose form, preset to answer this commission. */
export const answerUrl = (id: string) => `/items/new?commissionId=${encodeURIComponent(id)}`;
