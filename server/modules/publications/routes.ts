import type { AppContext } from '../../context.ts';
import { actorOf, type TypedApp } from '../../lib/http.ts';
import { listPublications } from './queries/list-publications.ts';
import { publicationSchema, publicationsQuery } from './schemas.ts';

/** Publications (信息刊物): the lists editors pick accept and adoption targets from. */
export function registerPublicationRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/publications',
    {
      config: { roles: ['editor', 'chief_editor'] },
      schema: {
        tags: ['publications'],
        summary: '刊物列表（own：本办公室；upper：上级办公室）',
        querystring: publicationsQuery,
        response: { 200: publicationSchema.array() },
      },
    },
    async (req) => listPublications(ctx.db, actorOf(req), req.query),
  );
}
