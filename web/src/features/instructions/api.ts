import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type { RecordFile } from '../../components/RecordFiles.tsx';

/** The shapes of server/modules/instructions/schemas.ts as JSON (dates are strings). */
export type InstructionLevel = 'state_council' | 'province' | 'city' | 'county' | 'township';
/** 主要领导 / 分管（其他）领导: some 考核办法 score them apart. */
export type LeaderRank = 'principal' | 'deputy';
export type InstructionStatus = 'recorded' | 'assigned' | 'closed';
export type InstructionSource = 'online' | 'paper' | 'upper';
export type AssignmentStatus = 'awaiting_feedback' | 'feedback_submitted' | 'more_requested' | 'completed';
export type InstructionAction = 'assign' | 'attach' | 'close';
export type AssignmentAction = 'submit_feedback' | 'accept_feedback' | 'request_more' | 'attach_feedback';

export type Subject = { kind: 'item' | 'issue'; id: string; title: string; link: string | null };

export type InstructionFile = RecordFile;

export type Feedback = {
  id: string;
  round: number;
  text: string;
  submittedByName: string;
  submittedAt: string;
  decision: 'accepted' | 'more_requested' | null;
  decisionNote: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  files: InstructionFile[];
};

export type Assignment = {
  id: string;
  unit: { id: string; name: string };
  deadline: string;
  requirement: string | null;
  status: AssignmentStatus;
  statusLabel: string;
  overdue: boolean;
  late: boolean;
  assignedByName: string;
  assignedAt: string;
  completedAt: string | null;
  version: number;
  feedback: Feedback[];
  actions: AssignmentAction[];
};

export type Instruction = {
  id: string;
  serial: number;
  office: { id: string; name: string };
  subject: Subject | null;
  originUnit: { id: string; name: string } | null;
  source: InstructionSource;
  sourceLabel: string;
  leaderName: string;
  leaderTitle: string | null;
  leaderRank: LeaderRank | null;
  leaderRankLabel: string | null;
  level: InstructionLevel;
  levelLabel: string;
  text: string;
  instructedOn: string;
  status: InstructionStatus;
  statusLabel: string;
  recordedByName: string;
  createdAt: string;
  closedAt: string | null;
  version: number;
  assignments: Assignment[];
  files: InstructionFile[];
  actions: InstructionAction[];
};

export type InstructionRow = {
  id: string;
  serial: number;
  subject: Subject | null;
  originUnitName: string | null;
  leaderName: string;
  leaderTitle: string | null;
  level: InstructionLevel;
  levelLabel: string;
  text: string;
  instructedOn: string;
  status: InstructionStatus;
  statusLabel: string;
  units: number;
  completed: number;
  overdue: number;
  nextDeadline: string | null;
  myStatus: AssignmentStatus | null;
};

export type InstructionPage = { items: InstructionRow[]; total: number; page: number; pageSize: number };

export type InstructionFilters = {
  status?: InstructionStatus;
  level?: InstructionLevel;
  unitId?: string;
  itemId?: string;
  overdue?: boolean;
  q?: string;
};

/** A marker on an item (GET /api/items/:id → instructions). */
export type InstructionMarker = {
  id: string;
  leaderName: string;
  leaderTitle: string | null;
  level: InstructionLevel;
  levelLabel: string;
  instructedOn: string;
  text: string;
};

export type WriteInput = {
  itemId?: string;
  issueId?: string;
  text: string;
  instructedOn?: string;
  leaderTitle?: string;
  leaderRank?: LeaderRank;
};
export type RecordInput = {
  itemId?: string;
  issueId?: string;
  source: 'paper' | 'upper';
  leaderName: string;
  leaderTitle?: string;
  leaderRank?: LeaderRank;
  level: InstructionLevel;
  text: string;
  instructedOn: string;
};
export type AssignInput = {
  id: string;
  assignments: { unitId: string; deadline: string; requirement?: string }[];
  version: number;
};

/** Every instruction query starts here; the live 'instructions' event invalidates this prefix. */
export const INSTRUCTIONS_KEY = ['instructions'] as const;
export const INSTRUCTION_PAGE_SIZE = 20;

export function instructionQueryString(filters: InstructionFilters, page: number, pageSize: number) {
  return listQueryString(filters, { page, pageSize });
}

export function useInstructions(filters: InstructionFilters, page: number, enabled = true) {
  return useQuery({
    queryKey: [...INSTRUCTIONS_KEY, 'list', filters, page],
    queryFn: () =>
      api<InstructionPage>(
        'GET',
        `/api/instructions?${instructionQueryString(filters, page, INSTRUCTION_PAGE_SIZE)}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInstruction(id: string | undefined) {
  return useQuery({
    queryKey: [...INSTRUCTIONS_KEY, 'detail', id],
    queryFn: () => api<Instruction>('GET', `/api/instructions/${id}`),
    enabled: !!id,
  });
}

/** A write refreshes every instruction query and the items (their markers and 批 counts). */
function useInstructionMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
      await qc.invalidateQueries({ queryKey: ['items'] });
    },
  });
}

export function useWriteInstruction() {
  return useInstructionMutation((input: WriteInput) => api<Instruction>('POST', '/api/instructions', input));
}

export function useRecordInstruction() {
  return useInstructionMutation((input: RecordInput) =>
    api<Instruction>('POST', '/api/instructions/records', input),
  );
}

export function useAssignInstruction() {
  return useInstructionMutation(({ id, ...body }: AssignInput) =>
    api<Instruction>('POST', `/api/instructions/${id}/assignments`, body),
  );
}

export function useCloseInstruction() {
  return useInstructionMutation(({ id, ...body }: { id: string; note: string; version: number }) =>
    api<Instruction>('POST', `/api/instructions/${id}/close`, body),
  );
}

export function useSubmitFeedback() {
  return useInstructionMutation(({ id, ...body }: { id: string; text: string; version: number }) =>
    api<{ id: string; round: number }>('POST', `/api/instruction-assignments/${id}/feedback`, body),
  );
}

export function useDecideFeedback() {
  return useInstructionMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      decision: 'accepted' | 'more_requested';
      note?: string;
      version: number;
    }) => api<{ ok: boolean }>('POST', `/api/instruction-assignments/${id}/decision`, body),
  );
}

/** Upload URLs for antd's Upload (multipart field `file`). */
export const instructionFileUrl = (id: string) => `/api/instructions/${id}/files`;
export const feedbackFileUrl = (feedbackId: string) => `/api/instruction-feedback/${feedbackId}/files`;
export const downloadUrl = (instructionId: string, fileId: string) =>
  `/api/instructions/${instructionId}/files/${fileId}`;
