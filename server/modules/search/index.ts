export { countsText, indexWhatIsMissing, type ReindexCounts, reindexAll } from './reindex.ts';
export { registerSearchRoutes } from './routes.ts';
