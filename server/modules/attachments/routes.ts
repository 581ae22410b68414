import type { AppContext } from '../../context.ts';
import type { TypedApp } from '../../lib/http.ts';

/** Item images and attachments: upload, download, delete. */
export function registerAttachmentRoutes(_app: TypedApp, _ctx: AppContext) {}
