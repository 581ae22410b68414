import type { AppContext } from '../../context.ts';
import type { TypedApp } from '../../lib/http.ts';

/** Items: workflow transitions, batch actions, forwarding, adoptions, joint reports. */
export function registerItemWorkflowRoutes(_app: TypedApp, _ctx: AppContext) {}
