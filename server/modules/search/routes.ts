import type { AppContext } from '../../context.ts';
import { actorOf, type TypedApp } from '../../lib/http.ts';
import { searchQuerySchema, searchResultSchema } from './schemas.ts';
import { search } from './search.ts';

/** 全局检索: GET /api/search. */
export function registerSearchRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: '全文检索（信息等），按类别分组，只含本人可查看的内容',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (req) => search(ctx.db, actorOf(req), req.query),
  );
}
