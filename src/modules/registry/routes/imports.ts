import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { AppContext } from '../../../kernel/context.ts';
import { readUpload, uploadValidatorCompiler } from '../../../kernel/upload.ts';
import { conflict } from '../../../kernel/errors.ts';
import { writers } from '../access.ts';
import { safeFilename } from '../attachments.ts';
import { IdParam } from '../schema.ts';
import { KIND_NAMES } from '../import/columns.ts';
import { allErrors, createJob, getJob, listJobs, moveJob } from '../import/job-store.ts';
import { formatOf, importFileTooLarge, MAX_IMPORT_BYTES, unsupportedImportFile } from '../import/read-file.ts';
import { reportXlsx } from '../import/report.ts';
import { ImportRunner } from '../import/runner.ts';
import { ImportJob, ImportUploadQuery, RunBody, TemplateQuery } from '../import/schema.ts';
import { templateCsv, templateXlsx } from '../import/template.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const UploadBody = Type.Object({ file: Type.String({ format: 'binary', description: '.xlsx or .csv (UTF-8 or GB18030), at most 20 MB' }) });

/** 批量导入 bulk import of people, households and organisations: upload, check, report, import in one transaction. */
export const importRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-imports'];
  const runner = new ImportRunner(db);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 } });
  // Jobs a dead process left half-done are failed at start; this process's own are stopped (rolled back) when it closes.
  app.addHook('onReady', async () => { await runner.recover(); });
  app.addHook('onClose', async () => { await runner.close(); });

  app.get('/api/registry/imports/template', { config: writers, schema: { tags, summary: 'The import template: Chinese headers, one example row, an explanation sheet with the code lists', querystring: TemplateQuery } },
    async (req, reply) => {
      const { kind, format } = req.query;
      const name = `${KIND_NAMES[kind]}导入模板.${format}`;
      const body = format === 'csv' ? templateCsv(kind) : await templateXlsx(kind);
      return reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX).header('content-disposition', attachment(name)).send(body);
    });

  app.post('/api/registry/imports', {
    config: writers,
    schema: { tags, summary: 'Upload a file to import (multipart field "file"); it is checked in the background, nothing is written yet', consumes: ['multipart/form-data'], querystring: ImportUploadQuery, body: UploadBody, response: { 202: ImportJob } },
    validatorCompiler: uploadValidatorCompiler,
  }, async (req, reply) => {
    const caller = req.caller!;
    const { data, filename: sent } = await readUpload(app, req, importFileTooLarge);
    const filename = safeFilename(sent, 'import');
    const format = formatOf(data, filename);
    if (!format) throw unsupportedImportFile();
    const id = await createJob(db, caller, { kind: req.query.kind, filename, format, data });
    void runner.check(caller, { cityCode: caller.cityCode, id });
    return reply.status(202).send(await getJob(db, caller, id));
  });

  app.get('/api/registry/imports', { config: writers, schema: { tags, summary: 'Recent import jobs I may see (mine and those of users in my area)', response: { 200: Type.Object({ items: Type.Array(ImportJob) }) } } },
    async (req) => ({ items: await listJobs(db, req.caller!) }));

  app.get('/api/registry/imports/:id', { config: writers, schema: { tags, summary: 'One import job: status, progress, the first 500 report lines', params: IdParam, response: { 200: ImportJob } } },
    async (req) => getJob(db, req.caller!, req.params.id));

  app.post('/api/registry/imports/:id/run', {
    config: writers,
    schema: { tags, summary: 'Import a checked file in one transaction (validOnly: skip the bad rows)', params: IdParam, body: RunBody, response: { 202: ImportJob } },
  }, async (req, reply) => {
    const caller = req.caller!;
    const job = await getJob(db, caller, req.params.id);
    const key = { cityCode: caller.cityCode, id: job.id };
    if (job.status !== 'checked') throw conflict(`status: 任务状态为 ${job.status}，只有检查完成（checked）的任务可以导入 / only a checked job can be imported (this one is ${job.status})`, { field: 'status', status: job.status });
    if (job.errorCount > 0 && !req.body.validOnly) {
      throw conflict(`validOnly: 文件中有 ${job.errorCount} 处错误，未导入任何数据；修改后重新上传，或选择“仅导入正确的行” / the file has ${job.errorCount} problems: fix them and upload again, or import the valid rows only (validOnly: true)`, { field: 'validOnly', errorCount: job.errorCount });
    }
    if (job.validRows === 0) throw conflict('validOnly: 没有可导入的正确行 / there is no valid row to import', { field: 'validOnly' });
    if (!(await moveJob(db, key, ['checked'], 'importing', { valid_only: req.body.validOnly, processed: 0, message: null }))) {
      throw conflict('status: 任务已在导入或已结束 / the job is already importing or has ended', { field: 'status' });
    }
    void runner.run(caller, key, req.body.validOnly, undefined, req.ip);
    return reply.status(202).send(await getJob(db, caller, job.id));
  });

  app.post('/api/registry/imports/:id/cancel', { config: writers, schema: { tags, summary: 'Cancel a job: it ends without importing (an import under way is rolled back)', params: IdParam, response: { 200: ImportJob } } },
    async (req) => {
      const caller = req.caller!;
      const job = await getJob(db, caller, req.params.id);
      if (job.status === 'cancelled') return job;
      if (!(await moveJob(db, { cityCode: caller.cityCode, id: job.id }, ['checking', 'checked', 'importing'], 'cancelled', { message: `已由 ${caller.displayName} 取消 / cancelled by ${caller.displayName}` }))) {
        throw conflict(`status: 任务已结束（${job.status}），不能取消 / the job has ended (${job.status})`, { field: 'status', status: job.status });
      }
      return getJob(db, caller, job.id);
    });

  app.get('/api/registry/imports/:id/report.xlsx', { config: writers, schema: { tags, summary: 'The whole validation report: every bad row, column, (masked) value and reason', params: IdParam } },
    async (req, reply) => {
      const { job, errors } = await allErrors(db, req.caller!, req.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`导入校验报告-${job.id}.xlsx`)).header('cache-control', 'private, no-store')
        .send(await reportXlsx(job, errors));
    });
};
