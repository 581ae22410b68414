import type {
  MyCirculation,
  MyCirculations,
  SendCirculationResult,
} from '../../../../server/modules/circulation/schemas.ts';

/** The circulation endpoints' shapes, from the server's schemas (type-only). */
export type { MyCirculation, MyCirculations };

/** What POST /api/circulations answers. */
export type CirculateResult = SendCirculationResult;

/** A leader who may receive 传阅件 (GET /api/circulations/recipients). */
export type Recipient = { id: string; displayName: string };

export type CirculateInput = {
  issueId?: string;
  itemId?: string;
  recipientIds: string[];
  note?: string;
};
