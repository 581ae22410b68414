// The notifications module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export { registerNotificationJobs } from './jobs.ts';
export { NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts';
export { type NotifyInput, notify } from './notify.ts';
export { officeStaff, unitStaff, usersWithRoles } from './recipients.ts';
export { registerNotificationRoutes } from './routes.ts';
