import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { readUploadedFile } from '../../lib/upload.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { findRecordFile, sendRecordFile } from '../attachments/index.ts';
import { assignInstruction, closeInstruction } from './commands/assign-instruction.ts';
import { attachFeedbackFile, attachInstructionFile } from './commands/attach-file.ts';
import { recordInstruction, writeInstruction } from './commands/create-instruction.ts';
import { decideFeedback, submitFeedback } from './commands/feedback.ts';
import { presentInstruction } from './present.ts';
import { exportInstructions } from './queries/export-instructions.ts';
import { listInstructions } from './queries/list-instructions.ts';
import {
  assignBody,
  closeBody,
  decisionBody,
  exportQuery,
  feedbackBody,
  fileParams,
  idParams,
  instructionPageSchema,
  instructionSchema,
  listQuery,
  recordInstructionBody,
  writeInstructionBody,
} from './schemas.ts';
import { findInstruction } from './scope.ts';

const tags = ['instructions'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'];
const HANDLERS: readonly Role[] = ['reporter', 'unit_signer', 'editor', 'chief_editor'];
const fileResult = z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number().int() });
const uploadOptions = (ctx: AppContext) => ({
  limit: ctx.config.uploadLimit,
  what: '附件',
  outcome: '未保存',
  missing: '请选择要上传的文件（字段名 file）',
});

/** 领导批示: written by leaders or recorded by the office, assigned to units, answered with 落实反馈. */
export function registerInstructionRoutes(app: TypedApp, ctx: AppContext) {
  const detail = async (actorReq: Parameters<typeof actorOf>[0], id: string) => {
    const actor = actorOf(actorReq);
    const row = await findInstruction(ctx.db, actor, id);
    return presentInstruction(ctx.db, actor, row, ctx.clock.now());
  };

  app.get(
    '/api/instructions',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '批示列表（按可见范围）',
        querystring: listQuery,
        response: { 200: instructionPageSchema },
      },
    },
    async (req) => listInstructions(ctx.db, actorOf(req), req.query, req.query, ctx.clock.now()),
  );
  app.get(
    '/api/instructions/export.xlsx',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '导出批示列表（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportInstructions(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );
  app.get(
    '/api/instructions/:id',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '批示详情：交办与落实反馈',
        params: idParams,
        response: { 200: instructionSchema },
      },
    },
    async (req) => detail(req, req.params.id),
  );
  app.post(
    '/api/instructions',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        summary: '领导对传阅的信息或刊物作出批示',
        body: writeInstructionBody,
        response: { 201: instructionSchema },
      },
    },
    async (req, reply) => {
      const row = await writeInstruction(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(await detail(req, row.id));
    },
  );
  app.post(
    '/api/instructions/records',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '登记纸质或上级领导批示',
        body: recordInstructionBody,
        response: { 201: instructionSchema },
      },
    },
    async (req, reply) => {
      const row = await recordInstruction(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(await detail(req, row.id));
    },
  );
  app.post(
    '/api/instructions/:id/assignments',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '交办承办单位并设反馈期限',
        params: idParams,
        body: assignBody,
        response: { 200: instructionSchema },
      },
    },
    async (req) => {
      await assignInstruction(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/instructions/:id/close',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '无需交办的批示直接办结',
        params: idParams,
        body: closeBody,
        response: { 200: instructionSchema },
      },
    },
    async (req) => {
      await closeInstruction(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/instruction-assignments/:id/feedback',
    {
      config: { roles: HANDLERS },
      schema: {
        tags,
        summary: '承办单位报送落实反馈',
        params: idParams,
        body: feedbackBody,
        response: { 201: z.object({ id: z.uuid(), round: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const fb = await submitFeedback(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return reply.status(201).send({ id: fb?.id ?? '', round: fb?.round ?? 0 });
    },
  );
  app.post(
    '/api/instruction-assignments/:id/decision',
    {
      config: { roles: STAFF },
      schema: { tags, summary: '审核落实反馈：办结或要求补充', params: idParams, body: decisionBody },
    },
    async (req) => {
      await decideFeedback(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return { ok: true };
    },
  );
  app.post(
    '/api/instructions/:id/files',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '上传批示扫描件（multipart，字段名 file）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: fileResult },
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, uploadOptions(ctx));
      return reply
        .status(201)
        .send(await attachInstructionFile(ctx, actorOf(req), req.params.id, file, auditOf(req)));
    },
  );
  app.post(
    '/api/instruction-feedback/:id/files',
    {
      config: { roles: HANDLERS },
      schema: {
        tags,
        summary: '为落实反馈上传附件（审核前）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: fileResult },
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, uploadOptions(ctx));
      return reply
        .status(201)
        .send(await attachFeedbackFile(ctx, actorOf(req), req.params.id, file, auditOf(req)));
    },
  );
  app.get(
    '/api/instructions/:id/files/:fileId',
    { config: { roles: READERS }, schema: { tags, summary: '下载批示或反馈的附件', params: fileParams } },
    async (req, reply) => {
      // What the caller's view of the instruction shows is what they may download.
      const view = await detail(req, req.params.id);
      const owners = [view.id, ...view.assignments.flatMap((a) => a.feedback.map((f) => f.id))];
      const file = await findRecordFile(ctx.db, owners, req.params.fileId);
      return sendRecordFile(ctx, reply, file);
    },
  );
}
