import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { CALENDAR_READERS, CALENDAR_WRITERS } from './access.ts';
import { CoverageOut, PUT_BODY_DESCRIPTION, PutYearOut, YearOut, YearParam } from './schema.ts';
import { coverage, getYear, putYear } from './service.ts';
import { CalendarYearLoader } from './year-loader.ts';

/**
 * 工作日历: the holiday schedules (节假日安排) the working-day deadlines use, and entering a year the
 * npm data does not have yet. Registering this plugin loads the entered years into the calendar and
 * keeps them fresh on this node (every CALENDAR_REFRESH_MS) until the server closes.
 */
export const calendarRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const loader = new CalendarYearLoader(db, { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) });
  await loader.load();
  loader.watch();
  app.addHook('onClose', async () => loader.stop());
  const tags = ['calendar'];

  app.get('/api/calendar/years', { config: { access: { roles: CALENDAR_READERS } }, schema: { tags, summary: 'The years whose holiday schedule is known — shipped with chinese-days or entered here, with the source — and whether this year and the next are', response: { 200: CoverageOut } } },
    async () => coverage(loader));
  app.get('/api/calendar/years/:year', { config: { access: { roles: CALENDAR_READERS } }, schema: { tags, summary: 'A year’s holidays and make-up working days as deadlines count them, where they come from, and every version entered', params: YearParam, response: { 200: YearOut } } },
    async (req) => getYear(db, loader, req.params.year));
  app.put('/api/calendar/years/:year', { config: { access: { roles: CALENDAR_WRITERS } }, schema: { tags, summary: 'Enter (or replace) the schedule of a year chinese-days does not ship, from the State Council notice; kept as a new version and audited', description: PUT_BODY_DESCRIPTION, params: YearParam, body: Type.Unknown(), response: { 200: PutYearOut } } },
    async (req) => putYear(db, loader, req.caller!, req.params.year, req.body, req.ip));
};
