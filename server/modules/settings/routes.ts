import type { AppContext } from '../../context.ts';
import type { TypedApp } from '../../lib/http.ts';

export function registerSettingsRoutes(_app: TypedApp, _ctx: AppContext) {}
