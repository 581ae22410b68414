import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema/index.ts';
import { actorOf, auditOf, type TypedApp } from '../../lib/http.ts';
import { readUploadedFile } from '../../lib/upload.ts';
import { sendXlsx } from '../../lib/xlsx.ts';
import { findRecordFile, sendRecordFile } from '../attachments/index.ts';
import { attachMeetingFile } from './commands/attach-file.ts';
import { createMeeting } from './commands/create-meeting.ts';
import { recordAttendance } from './commands/record-attendance.ts';
import { updateChecklist } from './commands/update-checklist.ts';
import { updateMeeting } from './commands/update-meeting.ts';
import { presentMeeting } from './present.ts';
import { exportMeetings } from './queries/export-meetings.ts';
import { listMeetings } from './queries/list-meetings.ts';
import { meetingStats } from './queries/meeting-stats.ts';
import {
  attendanceBody,
  checklistBody,
  createBody,
  exportQuery,
  fileParams,
  idParams,
  listQuery,
  meetingPageSchema,
  meetingSchema,
  statsQuery,
  statsSchema,
  updateBody,
} from './schemas.ts';
import { findMeeting } from './scope.ts';

const tags = ['meetings'];
const STAFF: readonly Role[] = ['editor', 'chief_editor'];
const READERS: readonly Role[] = ['editor', 'chief_editor', 'reporter', 'unit_signer'];
const fileResult = z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number().int() });

/** 会议与培训: the office records meetings and training with their checklist and attendance. */
export function registerMeetingRoutes(app: TypedApp, ctx: AppContext) {
  const detail = async (req: Parameters<typeof actorOf>[0], id: string) => {
    const actor = actorOf(req);
    return presentMeeting(ctx.db, actor, await findMeeting(ctx.db, actor, id));
  };

  app.get(
    '/api/meetings',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '会议与培训列表（信息科看本办公室的，各单位看受邀参加的）',
        querystring: listQuery,
        response: { 200: meetingPageSchema },
      },
    },
    async (req) => listMeetings(ctx.db, actorOf(req), req.query, req.query),
  );
  app.get(
    '/api/meetings/export.xlsx',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: '导出会议与培训（Excel）：与列表同一筛选，不分页，至多 10000 条',
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportMeetings(ctx.db, actorOf(req), req.query, ctx.clock.now());
      return sendXlsx(reply, filename, body);
    },
  );
  app.get(
    '/api/meetings/stats',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '年度会议培训统计：按级别和类别的次数、人次，各单位出席率',
        querystring: statsQuery,
        response: { 200: statsSchema },
      },
    },
    async (req) => meetingStats(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  );
  app.get(
    '/api/meetings/:id',
    {
      config: { roles: READERS },
      schema: { tags, summary: '会议详情', params: idParams, response: { 200: meetingSchema } },
    },
    async (req) => detail(req, req.params.id),
  );
  app.post(
    '/api/meetings',
    {
      config: { roles: STAFF },
      schema: { tags, summary: '登记会议或培训', body: createBody, response: { 201: meetingSchema } },
    },
    async (req, reply) => {
      const row = await createMeeting(ctx.db, actorOf(req), req.body, auditOf(req), ctx.clock);
      return reply.status(201).send(await detail(req, row.id));
    },
  );
  app.put(
    '/api/meetings/:id',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '修改会议信息、纪要和参会单位',
        params: idParams,
        body: updateBody,
        response: { 200: meetingSchema },
      },
    },
    async (req) => {
      await updateMeeting(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.put(
    '/api/meetings/:id/checklist',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '更新会前调试、会中保障、会后维护清单',
        params: idParams,
        body: checklistBody,
        response: { 200: meetingSchema },
      },
    },
    async (req) => {
      await updateChecklist(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.put(
    '/api/meetings/:id/attendance',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '登记各单位出席情况和参会人员',
        params: idParams,
        body: attendanceBody,
        response: { 200: meetingSchema },
      },
    },
    async (req) => {
      await recordAttendance(ctx.db, actorOf(req), req.params.id, req.body, auditOf(req), ctx.clock);
      return detail(req, req.params.id);
    },
  );
  app.post(
    '/api/meetings/:id/files',
    {
      config: { roles: STAFF },
      schema: {
        tags,
        summary: '上传会议附件（multipart，字段名 file）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: fileResult },
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, {
        limit: ctx.config.uploadLimit,
        what: '附件',
        outcome: '未保存',
        missing: '请选择要上传的文件（字段名 file）',
      });
      return reply
        .status(201)
        .send(await attachMeetingFile(ctx, actorOf(req), req.params.id, file, auditOf(req)));
    },
  );
  app.get(
    '/api/meetings/:id/files/:fileId',
    { config: { roles: READERS }, schema: { tags, summary: '下载会议附件', params: fileParams } },
    async (req, reply) => {
      const meeting = await findMeeting(ctx.db, actorOf(req), req.params.id);
      const file = await findRecordFile(ctx.db, [meeting.id], req.params.fileId);
      return sendRecordFile(ctx, reply, file);
    },
  );
}
