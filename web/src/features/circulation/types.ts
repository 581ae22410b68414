/** One of the leader's 传阅件 (GET /api/circulations/mine). */
export type MyCirculation = {
  id: string;
  kind: 'issue' | 'item';
  issueId: string | null;
  itemId: string | null;
  title: string;
  label?: string | null;
  publicationName?: string | null;
  sentByName: string;
  sentAt: string;
  readAt: string | null;
  note: string | null;
};

/** What POST /api/circulations answers. */
export type CirculateResult = { created: number; skipped: number };

export type CirculateInput = {
  issueId?: string;
  itemId?: string;
  recipientIds: string[];
  note?: string;
};
