// The attachments module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export {
  attachRecordFile,
  findRecordFile,
  MAX_FILES_PER_RECORD,
  type RecordFileRow,
  sendRecordFile,
} from './record-files.ts';
export { registerAttachmentRoutes } from './routes.ts';
