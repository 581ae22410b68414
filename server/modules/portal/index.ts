// The portal module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { queueForPortal, SECRET_NOT_FOR_PORTAL } from './queue.ts';
export { registerPortalRoutes } from './routes.ts';
export { PORTAL_STATUS_LABELS } from './schemas.ts';
