import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { listQueryString } from '../../../components/list-kit/index.ts';

/** The shapes of server/modules/assessment/adjustments/schemas.ts as JSON; points are signed decimal text. */
export type Adjustment = {
  id: string;
  officeId: string;
  unitId: string;
  unitName: string;
  on: string;
  points: string;
  reason: string;
  basis: string | null;
  recordedByName: string;
  createdAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  version: number;
};

export type AdjustmentList = {
  officeId: string;
  /** Whether the caller may register and revoke (the office's 信息科). */
  canManage: boolean;
  rows: Adjustment[];
  /** Sum of the registrations still in force. */
  total: string;
};

export type AdjustmentStatus = 'active' | 'revoked';

export type AdjustmentFilters = {
  officeId?: string;
  unitId?: string;
  from?: string;
  to?: string;
  status?: AdjustmentStatus;
};

export type RegisterAdjustmentInput = {
  officeId?: string;
  unitId: string;
  on: string;
  /** Signed decimal text: "2.5", "-1". */
  points: string;
  reason: string;
  basis?: string;
};

export const ADJUSTMENTS_EXPORT_URL = '/api/assessment/adjustments.xlsx';

/** GET /api/assessment/adjustments: every registration the filters match (the server sends them all). */
export function useAdjustments(filters: AdjustmentFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['assessment', 'adjustments', filters],
    queryFn: () => api<AdjustmentList>('GET', `/api/assessment/adjustments?${listQueryString(filters)}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** A registration or a revocation changes the rankings too: every 考评 query is refreshed. */
export function useAdjustmentMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  return {
    register: useMutation({
      mutationFn: (input: RegisterAdjustmentInput) =>
        api<Adjustment>('POST', '/api/assessment/adjustments', input),
      onSuccess: done,
    }),
    revoke: useMutation({
      mutationFn: ({ id, ...body }: { id: string; reason: string; version: number }) =>
        api<Adjustment>('POST', `/api/assessment/adjustments/${id}/revoke`, body),
      // A refusal (revoked or changed meanwhile) reloads the list too: the row is read again.
      onSettled: done,
    }),
  };
}

/** "+2.5" / "−1.25" (a true minus sign), "0" unsigned. */
export function signedText(points: string): string {
  const n = Number(points);
  if (!n) return '0';
  return n > 0 ? `+${points.replace(/^\+/, '')}` : `−${points.replace(/^-/, '')}`;
}
