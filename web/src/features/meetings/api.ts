import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type { RecordFile } from '../../components/RecordFiles.tsx';

/** The shapes of server/modules/meetings/schemas.ts as JSON (dates are strings). */
export type MeetingKind = 'work_meeting' | 'training' | 'video_conference';
export type MeetingLevel = 'national' | 'province' | 'city' | 'county';
export type Attendance = 'expected' | 'present' | 'absent' | 'excused';
export type ChecklistPhase = 'before' | 'during' | 'after';
export type MeetingAction = 'update' | 'checklist' | 'attendance' | 'attach';

type OrgRef = { id: string; name: string };

export type MeetingFile = RecordFile;

export type ChecklistItem = {
  label: string;
  done: boolean;
  doneByName: string | null;
  doneAt: string | null;
};
export type ChecklistSection = { phase: ChecklistPhase; label: string; items: ChecklistItem[] };

export type Participant = {
  unit: OrgRef;
  attendance: Attendance;
  attendanceLabel: string;
  attendees: string[];
};

export type AttendanceCounts = {
  invited: number;
  present: number;
  absent: number;
  excused: number;
  /** Not yet recorded (应到). */
  expected: number;
  /** 人次: the people who came (a unit marked 出席 without names counts as one). */
  personTimes: number;
};

export type Progress = { done: number; total: number };

export type Meeting = {
  id: string;
  office: OrgRef;
  kind: MeetingKind;
  kindLabel: string;
  level: MeetingLevel;
  levelLabel: string;
  title: string;
  organiser: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  minutes: string;
  /** The office's support checklist; null for an invited unit. */
  checklist: ChecklistSection[] | null;
  checklistProgress: Progress | null;
  /** Every invited unit for the office; an invited unit sees its own row only. */
  participants: Participant[];
  /** Attendance counts; null for an invited unit. */
  summary: AttendanceCounts | null;
  files: MeetingFile[];
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  actions: MeetingAction[];
};

export type MeetingRow = {
  id: string;
  office: OrgRef;
  kind: MeetingKind;
  kindLabel: string;
  level: MeetingLevel;
  levelLabel: string;
  title: string;
  organiser: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  checklistProgress: Progress | null;
  summary: AttendanceCounts | null;
  /** For an invited unit: its own attendance. */
  myAttendance: Attendance | null;
  version: number;
};

export type MeetingPage = { items: MeetingRow[]; total: number; page: number; pageSize: number };

export type UnitStats = {
  unit: OrgRef;
  invited: number;
  present: number;
  absent: number;
  excused: number;
  unrecorded: number;
  personTimes: number;
  rate: number | null;
  rateLabel: string;
};

export type MeetingStats = {
  year: number;
  office: OrgRef;
  totals: { meetings: number; personTimes: number };
  /** Per level and kind that occurred: e.g. 省级培训 2 次，参训 5 人次. */
  byLevelKind: {
    level: MeetingLevel;
    levelLabel: string;
    kind: MeetingKind;
    kindLabel: string;
    meetings: number;
    personTimes: number;
    label: string;
  }[];
  /** Per invited unit over the year's meetings that have begun. */
  units: UnitStats[];
};

export type MeetingFilters = {
  year?: number;
  kind?: MeetingKind;
  level?: MeetingLevel;
  unitId?: string;
  q?: string;
};

/** What the create and edit forms send (times as ISO strings with the +08:00 offset). */
export type MeetingInput = {
  kind: MeetingKind;
  level: MeetingLevel;
  title: string;
  organiser: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  unitIds: string[];
  minutes?: string;
};

export type ChecklistInput = Record<ChecklistPhase, { label: string; done: boolean }[]>;
export type AttendanceInput = { unitId: string; attendance: Attendance; attendees: string[] };

/** Every meeting query starts here, so one invalidation refreshes the list, the figures and the page. */
export const MEETINGS_KEY = ['meetings'] as const;
export const MEETING_PAGE_SIZE = 20;

export function meetingQueryString(filters: MeetingFilters, page: number, pageSize: number) {
  return listQueryString(filters, { page, pageSize });
}

export function useMeetings(filters: MeetingFilters, page: number) {
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'list', filters, page],
    queryFn: () =>
      api<MeetingPage>('GET', `/api/meetings?${meetingQueryString(filters, page, MEETING_PAGE_SIZE)}`),
    placeholderData: keepPreviousData,
  });
}

/** 年度统计: only the office's editors may ask. */
export function useMeetingStats(year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'stats', year],
    queryFn: () => api<MeetingStats>('GET', `/api/meetings/stats?year=${year}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const meetingKey = (id: string | undefined) => [...MEETINGS_KEY, 'detail', id] as const;

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: meetingKey(id),
    queryFn: () => api<Meeting>('GET', `/api/meetings/${id}`),
    enabled: !!id,
  });
}

/**
 * A write answers with the meeting as it now is: the page shows it at once, and every meeting
 * query (the list's progress and counts, the year's figures) is fetched again — on failure too,
 * so a stale version (409) brings the current record.
 */
function useMeetingMutation<V>(fn: (vars: V) => Promise<Meeting>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (m) => qc.setQueryData(meetingKey(m.id), m),
    onSettled: () => qc.invalidateQueries({ queryKey: MEETINGS_KEY }),
  });
}

export function useCreateMeeting() {
  return useMeetingMutation((input: MeetingInput) => api<Meeting>('POST', '/api/meetings', input));
}

export function useUpdateMeeting() {
  return useMeetingMutation(
    ({ id, ...body }: MeetingInput & { id: string; minutes: string; version: number }) =>
      api<Meeting>('PUT', `/api/meetings/${id}`, body),
  );
}

/**
 * A tick shows at once (who and when come with the server's answer); a refusal puts the checklist
 * back as it was.
 */
export function useSaveChecklist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; checklist: ChecklistInput; version: number }) =>
      api<Meeting>('PUT', `/api/meetings/${id}/checklist`, body),
    onMutate: async ({ id, checklist }) => {
      await qc.cancelQueries({ queryKey: meetingKey(id) });
      const before = qc.getQueryData<Meeting>(meetingKey(id));
      if (before?.checklist) {
        const sections = before.checklist.map((s) => ({
          ...s,
          items: checklist[s.phase].map((i) => {
            const was = s.items.find((x) => x.label === i.label);
            return was && was.done === i.done ? was : { ...i, doneByName: null, doneAt: null };
          }),
        }));
        const all = sections.flatMap((s) => s.items);
        qc.setQueryData<Meeting>(meetingKey(id), {
          ...before,
          checklist: sections,
          checklistProgress: { done: all.filter((i) => i.done).length, total: all.length },
        });
      }
      return { before };
    },
    onError: (_err, { id }, context) => {
      if (context?.before) qc.setQueryData(meetingKey(id), context.before);
    },
    onSuccess: (m) => qc.setQueryData(meetingKey(m.id), m),
    onSettled: () => qc.invalidateQueries({ queryKey: MEETINGS_KEY }),
  });
}

export function useRecordAttendance() {
  return useMeetingMutation(
    ({ id, ...body }: { id: string; attendance: AttendanceInput[]; version: number }) =>
      api<Meeting>('PUT', `/api/meetings/${id}/attendance`, body),
  );
}

/** The facts of a meeting as the update endpoint takes them, for a change of one part. */
export function inputOf(m: Meeting): MeetingInput & { minutes: string } {
  return {
    kind: m.kind,
    level: m.level,
    title: m.title,
    organiser: m.organiser,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    location: m.location,
    unitIds: m.participants.map((p) => p.unit.id),
    minutes: m.minutes,
  };
}

/** The checklist as the checklist endpoint takes it: labels and ticks per phase. */
export function checklistInputOf(sections: ChecklistSection[]): ChecklistInput {
  const out: ChecklistInput = { before: [], during: [], after: [] };
  for (const s of sections) out[s.phase] = s.items.map((i) => ({ label: i.label, done: i.done }));
  return out;
}

export const meetingFileUrl = (id: string) => `/api/meetings/${id}/files`;
export const meetingDownloadUrl = (id: string, fileId: string) => `/api/meetings/${id}/files/${fileId}`;
