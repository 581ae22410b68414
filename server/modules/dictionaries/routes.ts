import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { createDictionaryEntry } from './commands/create-dictionary-entry.ts';
import { updateDictionaryEntry } from './commands/update-dictionary-entry.ts';
import { DICTIONARY_ADMIN_ROLES } from './policy.ts';
import { listDictionaryEntries } from './queries/list-dictionary-entries.ts';
import {
  createEntryBody,
  entryListSchema,
  entrySchema,
  idParams,
  listQuery,
  updateEntryBody,
} from './schemas.ts';

const tags = ['dictionaries'];

export function registerDictionaryRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/dictionaries',
    {
      schema: {
        tags,
        summary: '字典项列表（单位类别、考核分组；含已停用项）',
        querystring: listQuery,
        response: { 200: entryListSchema },
      },
    },
    async (req) => ({ items: await listDictionaryEntries(ctx, actorOf(req), req.query.dictionary) }),
  );

  app.post(
    '/api/dictionaries',
    {
      config: { roles: DICTIONARY_ADMIN_ROLES },
      schema: { tags, summary: '新增字典项', body: createEntryBody, response: { 201: entrySchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await createDictionaryEntry(ctx, actorOf(req), req.body, auditOf(req))),
  );

  app.patch(
    '/api/dictionaries/:id',
    {
      config: { roles: DICTIONARY_ADMIN_ROLES },
      schema: {
        tags,
        summary: '修改字典项（名称、排序、启用/停用）',
        params: idParams,
        body: updateEntryBody,
        response: { 200: entrySchema },
      },
    },
    async (req) => updateDictionaryEntry(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );
}
