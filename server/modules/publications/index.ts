// The publications module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { actorOfficeIds } from './definitions.ts';
export { formatIssueLabel } from './numbering.ts';
export { ancestorOfficeIds } from './offices.ts';
export { registerPublicationRoutes } from './routes.ts';
