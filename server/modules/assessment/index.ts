// The assessment module's public entry: what other modules, the app, the seed and the CLI may use.
// Everything else in this folder is the module's own.

export { markFactsChanged, markItemFactsChanged } from './facts/changes.ts';
export { loadFacts } from './facts/load-facts.ts';
export { Registry } from './facts/registry.ts';
export { refreshOffice } from './ledger.ts';
export { registerAssessmentRoutes } from './routes.ts';
