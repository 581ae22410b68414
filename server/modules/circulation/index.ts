// The circulation module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { listCirculation } from './list-circulation.ts';
export { markReadOnOpen } from './mark-read.ts';
export { assertOfficeStaff, staffOfficeIds } from './office-staff.ts';
export { registerCirculationRoutes } from './routes.ts';
export { circulatedItem } from './scope.ts';
export { loadSubject } from './subject.ts';
