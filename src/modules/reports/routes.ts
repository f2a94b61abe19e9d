import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '../../db/types.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AREA_STAFF } from '../../kernel/roles.ts';
import { CreateTemplate, ReportOut, RunQuery, TemplateDetail, TemplateParam, TemplateSummary, UpdateTemplate, UsageOut } from './schema.ts';
import {
  createReportTemplate, deleteReportTemplate, exportReportTemplate, getReportTemplate, listReportTemplates, reportUsage, runReportTemplate,
  updateReportTemplate, TEMPLATE_WRITERS,
} from './service.ts';

/** Area staff and the departments read and run reports; the city and districts write templates. */
export const REPORT_READERS: Role[] = [...AREA_STAFF, 'dept_handler'];
const readers = { access: { roles: REPORT_READERS } };
const writers = { access: { roles: [...TEMPLATE_WRITERS] } };

/** Reports 报表: department forms generated from the one registry (一次采集，多方利用). */
export const reportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['reports'];

  app.get('/api/reports/templates', { config: readers, schema: { tags, summary: 'Report templates of my city: built-in and its own', response: { 200: Type.Object({ items: Type.Array(TemplateSummary) }) } } },
    async (req) => listReportTemplates(db, req.caller!));

  app.get('/api/reports/templates/:id', { config: readers, schema: { tags, summary: 'One template with its spec', params: TemplateParam, response: { 200: TemplateDetail } } },
    async (req) => getReportTemplate(db, req.caller!, req.params.id));

  app.post('/api/reports/templates', { config: writers, schema: { tags, summary: 'Create a template of my city', body: CreateTemplate, response: { 201: TemplateDetail } } },
    async (req, reply) => { reply.status(201); return createReportTemplate(db, req.caller!, req.body, req.ip); });

  app.patch('/api/reports/templates/:id', { config: writers, schema: { tags, summary: 'Change a template (not a built-in one)', params: TemplateParam, body: UpdateTemplate, response: { 200: TemplateDetail } } },
    async (req) => updateReportTemplate(db, req.caller!, req.params.id, req.body, req.ip));

  app.delete('/api/reports/templates/:id', { config: writers, schema: { tags, summary: 'Delete a template (not a built-in one)', params: TemplateParam } },
    async (req, reply) => { await deleteReportTemplate(db, req.caller!, req.params.id, req.ip); return reply.status(204).send(); });

  app.get('/api/reports/templates/:id/run', { config: readers, schema: { tags, summary: 'Run a template for an area of my scope', params: TemplateParam, querystring: RunQuery, response: { 200: ReportOut } } },
    async (req) => runReportTemplate(db, req.caller!, req.params.id, req.query));

  app.get('/api/reports/templates/:id/export.xlsx', { config: readers, schema: { tags, summary: 'The run as an Excel workbook (audited)', params: TemplateParam, querystring: RunQuery } },
    async (req, reply) => {
      const { buffer, filename } = await exportReportTemplate(db, req.caller!, req.params.id, req.query, req.ip);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'no-store')
        .send(buffer);
    });

  app.get('/api/reports/usage', { config: readers, schema: { tags, summary: 'Collected once, used in N reports: how many templates read each field and tag', response: { 200: UsageOut } } },
    async (req) => reportUsage(db, req.caller!));
};
