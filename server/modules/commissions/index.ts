// The commissions module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export {
  answerCommissionByItem,
  assertCommissionForItem,
  COMMISSION_NOT_OPEN,
} from './commands/answer.ts';
export { registerCommissionJobs } from './jobs.ts';
export { commissionRef } from './numbering.ts';
export { type CommissionSearchFilters, searchCommissions } from './queries/search-commissions.ts';
export { registerCommissionRoutes } from './routes.ts';
export { indexCommissions, reindexCommissions } from './search-index.ts';
