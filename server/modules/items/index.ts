// The items module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { paragraphsOf } from './body.ts';
export { itemLabel } from './commands/apply-transition.ts';
export { DEFAULT_WORKFLOW_LIMITS, type OfficeLimits, type WorkflowLimits } from './deadline.ts';
export { notifyItemMoved } from './notifications.ts';
export { registerItemQualityRoutes } from './quality-routes.ts';
export { type ItemSearchFilters, searchItems } from './queries/search-items.ts';
export {
  callerFacts,
  findItemForActor,
  type ItemRow,
  itemScope,
  recordItemEvent,
  updateItemVersioned,
} from './repository.ts';
export { registerItemRoutes } from './routes.ts';
export { indexItems, reindexItems } from './search-index.ts';
export { canEdit, checkTransition, STATUS_LABELS as ITEM_STATUS_LABELS } from './workflow.ts';
export { registerItemWorkflowRoutes } from './workflow-routes.ts';
