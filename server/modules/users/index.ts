// The users module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { addUserFromCli, resetPasswordFromCli } from './cli.ts';
export { PHONE_MESSAGE, PHONE_PATTERN } from './phone.ts';
export { registerUserRoutes } from './routes.ts';
