import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { evaluateCase } from './evaluate.ts';

/**
 * Runs the warning rules after every successful write on a case through the API (登记, actions, sessions,
 * parties …): an onSend hook of the mediation routes, so the case modules need not know of 预警. It runs
 * after the write committed, in a transaction of its own, before the answer leaves — the warning is there
 * when the client looks. A failure is logged, never turned into an error of the write that succeeded.
 */
export function warnAfterCaseWrites(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url ?? '';
    if (req.method !== 'POST' || !url.startsWith('/api/mediation/cases') || url.endsWith('/reveal') || reply.statusCode >= 300 || !req.caller) return payload;
    let id = (req.params as { id?: number }).id;
    if (id === undefined && typeof payload === 'string') {
      try { id = (JSON.parse(payload) as { id?: number }).id; } catch { id = undefined; }
    }
    if (typeof id !== 'number') return payload;
    const caseId = id;
    try {
      await db.transaction().execute((trx) => evaluateCase(trx, req.caller!.cityCode, caseId, new Date()));
    } catch (err) {
      req.log.error({ err, caseId }, '预警 evaluation after a case write failed');
    }
    return payload;
  });
}
