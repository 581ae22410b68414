import type { AppContext } from '../../context.ts';
import type { TypedApp } from '../../lib/http.ts';

/** Items: create, edit, read, versions, lists and queues. */
export function registerItemRoutes(_app: TypedApp, _ctx: AppContext) {}
