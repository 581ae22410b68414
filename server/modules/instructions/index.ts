// The instructions module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export { registerInstructionJobs } from './jobs.ts';
export { type InstructionSearchFilters, searchInstructions } from './queries/search-instructions.ts';
export { registerInstructionRoutes } from './routes.ts';
export { indexInstructions, reindexInstructions } from './search-index.ts';
