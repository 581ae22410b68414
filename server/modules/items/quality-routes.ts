import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { actorOf, type TypedApp } from '../../lib/http.ts';
import { QUALITY_RULES, type RuleCode } from '../../lib/text/findings.ts';
import { checkItemQuality, type Finding } from './quality.ts';
import { findItemForActor } from './repository.ts';

/** Writers and the office staff who review their text; administrators see no content. */
const CHECK_ROLES: readonly Role[] = ['reporter', 'unit_signer', 'editor', 'chief_editor'];

const checkBody = z.object({
  title: z.string({ error: '请提供标题（可为空字符串）' }).max(1000, '标题过长，不能超过 1000 字'),
  body: z.string({ error: '请提供正文（可为空字符串）' }).max(50_000, '正文过长，不能超过 50000 字'),
  /** Omitted: not checked; empty: reported as missing. */
  authorPhone: z.string({ error: '联系电话须为文字' }).max(100, '联系电话过长').nullish(),
  signerName: z.string({ error: '签发人须为文字' }).max(100, '签发人姓名过长').nullish(),
  itemId: z.uuid('信息 ID 格式不正确').optional(),
  followUpOfId: z.uuid('续报的原信息 ID 格式不正确').nullish(),
});

const ruleCodes = Object.keys(QUALITY_RULES) as [RuleCode, ...RuleCode[]];
const findingSchema = z.object({
  rule: z.enum(ruleCodes),
  severity: z.enum(['fatal', 'warning']),
  message: z.string(),
  paragraph: z.number().int().optional(),
  excerpt: z.string().optional(),
  relatedItem: z
    .object({ id: z.uuid(), title: z.string(), unitName: z.string(), similarity: z.number() })
    .optional(),
});

/**
 * Where the text would go: a saved item's own unit and office (an editor checking an item in the
 * inbox), else the caller's unit and the office above it (a reporter writing a new item).
 */
async function placeOf(ctx: AppContext, actor: Actor, itemId: string | undefined) {
  if (itemId) {
    const row = await findItemForActor(ctx.db, actor, itemId);
    return { unitId: row.submittingUnitId, officeId: row.officeId, followUpOfId: row.followUpOfId };
  }
  const unit = actor.primaryUnit ?? actor.units[0];
  if (!unit) throw forbidden('您的账号未归属任何单位，无法检查信息');
  const officeId = unit.kind === 'office' ? unit.id : (unit.parentId ?? unit.id);
  return { unitId: unit.id, officeId, followUpOfId: null };
}

/** Items: the live quality check of text being written or reviewed. */
export function registerItemQualityRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/items/check',
    {
      config: { roles: CHECK_ROLES },
      schema: {
        tags: ['items'],
        summary: '信息质量检查（占位符、敏感词、标点、数字日期、疑似重复等；fatal 项阻止提交签发）',
        body: checkBody,
        response: { 200: z.object({ findings: z.array(findingSchema) }) },
      },
    },
    async (req): Promise<{ findings: Finding[] }> => {
      const actor = actorOf(req);
      const place = await placeOf(ctx, actor, req.body.itemId);
      const findings = await checkItemQuality(ctx, ctx.db, {
        ...req.body,
        ...place,
        followUpOfId: req.body.followUpOfId ?? place.followUpOfId,
        viewer: actor,
      });
      return { findings };
    },
  );
}
