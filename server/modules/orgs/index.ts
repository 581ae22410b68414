// The orgs module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { DATE_RULE, isIsoDate, todayInChina } from './fields.ts';
export { registerOrgRoutes } from './routes.ts';
