// The meetings module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export { defaultChecklist } from './checklist.ts';
export { type MeetingSearchFilters, searchMeetings } from './queries/search-meetings.ts';
export { registerMeetingRoutes } from './routes.ts';
export { indexMeetings, reindexMeetings } from './search-index.ts';
