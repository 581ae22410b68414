// The issues module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { archiveHistoricDocx } from './documents/archive.ts';
export { registerIssueDocumentRoutes } from './documents/routes.ts';
export { type IssueSearchFilters, searchIssues } from './queries/search-issues.ts';
export { findIssueForActor } from './repository.ts';
export { registerIssueRoutes } from './routes.ts';
export { indexIssues, reindexIssues } from './search-index.ts';
