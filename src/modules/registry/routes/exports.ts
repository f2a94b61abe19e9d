import { Type, type TObject } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { readers } from '../access.ts';
import { BuildingQuery } from '../building-schema.ts';
import { HouseholdQuery } from '../household-schema.ts';
import { OrganisationQuery } from '../organisation-schema.ts';
import { PersonQuery } from '../people-schema.ts';
import { RentalQuery } from '../rental-schema.ts';
import { exportList, MAX_EXPORT_ROWS, type ExportKind } from '../export/service.ts';

const Format = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx', description: 'xlsx, or csv in UTF-8 with a BOM' });
/** The list route's filters without paging, plus the format. */
const exportQuery = (list: TObject) => Type.Object({ ...Type.Omit(list, ['page', 'pageSize']).properties, format: Format }, { additionalProperties: false });
const QUERIES: Record<ExportKind, TObject> = { people: PersonQuery, households: HouseholdQuery, organisations: OrganisationQuery, 'rental-houses': RentalQuery, buildings: BuildingQuery };
const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

/** 导出 every registry list as Excel or CSV: what the caller's list shows, ID and phone numbers masked. */
export const exportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  for (const [kind, list] of Object.entries(QUERIES) as [ExportKind, TObject][]) {
    // Names and addresses in the query string stay out of the access log.
    app.get(`/api/registry/${kind}/export`, {
      logLevel: 'warn', config: readers,
      schema: { tags: [`registry-${kind}`], summary: `Export the ${kind} list with the list's filters (at most ${MAX_EXPORT_ROWS} rows; ID and phone numbers masked)`, querystring: exportQuery(list) },
    }, async (req, reply) => {
      const { format, ...filters } = req.query as { format: 'xlsx' | 'csv' } & Record<string, unknown>;
      const out = await exportList(db, req.caller!, kind, format, filters, req.ip);
      return reply.header('content-type', MIME[format]).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.filename)}`)
        .header('cache-control', 'private, no-store').header('x-total-count', String(out.total)).send(out.stream);
    });
  }
};
