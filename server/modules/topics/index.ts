// The topics module's public entry: what other modules, the app and the CLI may use.
// Everything else in this folder is the module's own.

export { TOPIC_STATUS_LABELS } from './periods.ts';
export { registerTopicRoutes } from './routes.ts';
export { assertTopicForItem, type TopicRef, topicRefs } from './tagging.ts';
