// The settings module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { registerSettingsRoutes } from './routes.ts';
export { saveSetting } from './save-setting.ts';
export { getWorkflowLimits, loadOfficeLimits } from './workflow-limits.ts';
