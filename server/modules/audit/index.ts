// The audit module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { registerAuditRoutes } from './routes.ts';
