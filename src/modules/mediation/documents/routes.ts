import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { AGREEMENT_PRINT_READERS } from '../access.ts';
import { IdParam } from '../schema-kit.ts';
import { AGREEMENT_CSP } from './agreement-style.ts';
import { agreementDocument } from './agreement-service.ts';

const PrintQuery = Type.Object({
  reveal: Type.Optional(Type.Boolean({ description: 'print the clear 公民身份号码 / 统一社会信用代码 / phone (the copy the parties sign); needs `reason`, audited' })),
  reason: Type.Optional(Type.String({ maxLength: 200, description: 'why the clear numbers are printed (kept in the audit log)' })),
}, { additionalProperties: false });

/** 调解协议书 documents: the print-ready page of an agreement. */
export const mediationDocumentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  app.get('/api/mediation/cases/:id/agreement.html', {
    config: { access: { roles: AGREEMENT_PRINT_READERS } },
    schema: {
      tags: ['mediation'], params: IdParam, querystring: PrintQuery,
      summary: '人民调解协议书 as a print-ready A4 page (the Ministry of Justice form), for the case’s mediators, its committee, supervisors and the resident who applied (others: 404); numbers masked unless reveal=true with a reason (audited)',
    },
  }, async (req, reply) => {
    const page = await agreementDocument(db, req.caller!, req.params.id, req.query, req.ip);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', AGREEMENT_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(page);
  });
};
