import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent, idempotentBatched } from '../../../kernel/idempotency.ts';
import { readUpload, uploadValidatorCompiler } from '../../../kernel/upload.ts';
import { fileTooLarge, imageTypeOf, MAX_ATTACHMENT_BYTES, safeFilename, sha256Of, unsupportedFile } from '../../registry/attachments.ts';
import { TICKET_ACTORS, TICKET_FILERS, TICKET_READERS } from './access.ts';
import { actionBodyValidator } from './action-body.ts';
import { actOnTicket } from './action-service.ts';
import { checkMayAttach, readTicketPhoto, saveTicketPhoto } from './attachments.ts';
import { intakeBatcher, prepareIntake } from './intake-service.ts';
import { listNotifications, markAllRead, markRead } from './notifications.ts';
import { listTickets, ticketDetail, trackTicket } from './read-service.ts';
import {
  ActionBody, ActionResult, AttachmentOut, CreateTicket, IdParam, NotificationOut, NotificationQuery, TicketDetail, TicketList, TicketNumber, TicketOut, TicketQuery, TrackOut, TrackQuery,
} from './schema.ts';

const UploadBody = Type.Object({ file: Type.String({ format: 'binary', description: 'the photo' }) });

/** 工单 the event loop's API: intake from every channel, one route for every workflow action, reads, photos, notices. */
export const ticketRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const deps = { grids: ctx.grids, suggester: ctx.suggester };
  const tags = ['tickets'];
  const intake = intakeBatcher(db);
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });

  app.post('/api/tickets', {
    config: { access: { roles: TICKET_FILERS } },
    schema: { tags, summary: '受理 a ticket from any channel: place by point, grid or area; category given or suggested (accepts Idempotency-Key)', body: CreateTicket, response: { 201: TicketOut } },
  }, async (req, reply) => idempotentBatched(db, req, reply, intake, () => prepareIntake(db, deps, req.caller!, req.body)));

  app.get('/api/tickets', { logLevel: 'warn', config: { access: { roles: TICKET_READERS } }, schema: { tags, summary: 'Tickets I may see, filtered (state, channel, demand type, category, area, department, overdue, supervision, text, caller phone for the hotline desk)', querystring: TicketQuery, response: { 200: TicketList } } },
    async (req) => listTickets(db, req.caller!, req.query));

  app.get('/api/tickets/:id', { config: { access: { roles: TICKET_READERS } }, schema: { tags, summary: 'One ticket with its whole timeline, photos and how I stand to it (phone masked)', params: IdParam, response: { 200: TicketDetail } } },
    async (req) => ticketDetail(db, req.caller!, req.params.id));

  app.post('/api/tickets/:id/actions', {
    config: { access: { roles: TICKET_ACTORS } },
    schema: { tags, summary: 'One workflow action: register, cancel, merge, dispatch, sign, return, rule_return, request_extension, rule_extension, escalate, reply, verify, close, rate, reopen, supervise (accepts Idempotency-Key)', params: IdParam, body: ActionBody, response: { 200: ActionResult } },
    validatorCompiler: actionBodyValidator,
  }, async (req, reply) => idempotent(db, req, reply, (trx) => actOnTicket(trx, req.caller!, req.params.id, req.body as ActionBody), { status: 200 }));

  // Public: a resident tracks a ticket with its number and the phone they gave, without an account.
  app.get('/api/tickets/by-number/:number', {
    logLevel: 'warn', config: { access: { public: true } },
    schema: { tags, summary: '进度查询: a ticket’s steps by number and reporter phone (reduced view, no staff or notes)', params: Type.Object({ number: TicketNumber }), querystring: TrackQuery, response: { 200: TrackOut } },
  }, async (req) => trackTicket(db, req.params.number, req.query.phone, req.query.city));

  app.post('/api/tickets/:id/attachments', {
    config: { access: { roles: TICKET_ACTORS } },
    schema: { tags, summary: 'Add a photo: multipart field "file", PNG/JPEG/GIF/WebP, at most 10 MB; by the reporter, the unit, the verifier or the centre (accepts Idempotency-Key)', consumes: ['multipart/form-data'], params: IdParam, body: UploadBody, response: { 201: AttachmentOut } },
    validatorCompiler: uploadValidatorCompiler,
  }, async (req, reply) => {
    const caller = req.caller!;
    await checkMayAttach(db, caller, req.params.id);
    const { data, filename: sent } = await readUpload(app, req, fileTooLarge);
    const mime = imageTypeOf(data);
    if (!mime) throw unsupportedFile();
    const sha256 = sha256Of(data);
    const filename = safeFilename(sent, mime);
    return idempotent(db, req, reply, (trx) => saveTicketPhoto(trx, caller, req.params.id, { filename, mime, data, sha256 }), { fingerprint: { sha256, filename } });
  });

  app.get('/api/tickets/attachments/:id', {
    config: { access: { roles: TICKET_READERS } },
    schema: { tags, summary: 'A photo’s content, if its ticket is one I may see', params: IdParam, response: { 200: Type.Unknown({ description: 'the image' }) } },
  }, async (req, reply) => {
    const a = await readTicketPhoto(db, req.caller!, req.params.id);
    return reply.header('content-type', a.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(a.data);
  });

  app.get('/api/notifications', {
    config: { access: { roles: TICKET_READERS } },
    schema: { tags: ['notifications'], summary: '站内通知 for me, my department or my own area, newest first', querystring: NotificationQuery, response: { 200: Type.Object({ items: Type.Array(NotificationOut), total: Type.Integer(), unread: Type.Integer() }) } },
  }, async (req) => listNotifications(db, req.caller!, req.query));

  app.post('/api/notifications/:id/read', {
    config: { access: { roles: TICKET_READERS } },
    schema: { tags: ['notifications'], summary: 'Mark a notice read (a department’s or area’s notice: for all of them)', params: IdParam, response: { 200: Type.Object({ id: Type.Integer(), readAt: Type.String({ format: 'date-time' }) }) } },
  }, async (req) => markRead(db, req.caller!, req.params.id));

  app.post('/api/notifications/read-all', {
    config: { access: { roles: TICKET_READERS } },
    schema: { tags: ['notifications'], summary: 'Mark every unread notice of mine read (mine, my department’s, my area’s)', response: { 200: Type.Object({ read: Type.Integer() }) } },
  }, async (req) => markAllRead(db, req.caller!));
};
