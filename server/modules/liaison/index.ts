// The liaison module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export { registerLiaisonJobs } from './jobs.ts';
export { registerLiaisonRoutes } from './routes.ts';
