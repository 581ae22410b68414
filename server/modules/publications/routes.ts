import type { AppContext } from '../../context.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { createPublication } from './commands/create-publication.ts';
import { setPublicationActive } from './commands/set-publication-active.ts';
import { updatePublication } from './commands/update-publication.ts';
import { PUBLICATION_ADMIN_ROLES, PUBLICATION_READER_ROLES } from './definitions.ts';
import { getPublication } from './queries/get-publication.ts';
import { listPublications } from './queries/list-publications.ts';
import {
  createPublicationBody,
  idParams,
  publicationDetailSchema,
  publicationSchema,
  publicationsQuery,
  updatePublicationBody,
  versionBody,
} from './schemas.ts';

const tags = ['publications'];

/** Publications (信息刊物): the pick lists for accept and adoption targets, and their definitions (刊物设置). */
export function registerPublicationRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/publications',
    {
      config: { roles: ['editor', 'chief_editor', 'sysadmin'] },
      schema: {
        tags,
        summary: '刊物列表（own：本办公室；upper：上级办公室）',
        querystring: publicationsQuery,
        response: { 200: publicationSchema.array() },
      },
    },
    async (req) => listPublications(ctx.db, actorOf(req), req.query),
  );

  app.get(
    '/api/publications/:id',
    {
      config: { roles: PUBLICATION_READER_ROLES },
      schema: {
        tags,
        summary: '刊物设置详情（本办公室及上级办公室的刊物）',
        params: idParams,
        response: { 200: publicationDetailSchema },
      },
    },
    async (req) => getPublication(ctx.db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/publications',
    {
      config: { roles: PUBLICATION_ADMIN_ROLES },
      schema: {
        tags,
        summary: '新建刊物（本办公室主编/签发领导或系统管理员）',
        body: createPublicationBody,
        response: { 201: publicationDetailSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createPublication(ctx, actorOf(req), req.body, auditOf(req))),
  );

  app.patch(
    '/api/publications/:id',
    {
      config: { roles: PUBLICATION_ADMIN_ROLES },
      schema: {
        tags,
        summary: '修改刊物设置',
        params: idParams,
        body: updatePublicationBody,
        response: { 200: publicationDetailSchema },
      },
    },
    async (req) => updatePublication(ctx, actorOf(req), req.params.id, req.body, auditOf(req)),
  );

  for (const [verb, active, summary] of [
    ['deactivate', false, '停用刊物'],
    ['activate', true, '启用刊物'],
  ] as const) {
    app.post(
      `/api/publications/:id/${verb}`,
      {
        config: { roles: PUBLICATION_ADMIN_ROLES },
        schema: {
          tags,
          summary,
          params: idParams,
          body: versionBody,
          response: { 200: publicationDetailSchema },
        },
      },
      async (req) => setPublicationActive(ctx, actorOf(req), req.params.id, active, req.body, auditOf(req)),
    );
  }
}
