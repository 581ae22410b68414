// The instructions module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export { registerInstructionJobs } from './jobs.ts';
export { registerInstructionRoutes } from './routes.ts';
