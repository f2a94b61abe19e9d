import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '../../../db/types.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { STAFF } from '../../../kernel/roles.ts';
import { CreateDepartment, DepartmentList, DepartmentOut, DepartmentParam, DepartmentQuery, PatchDepartment } from './schema.ts';
import { createDepartment, listDepartments, patchDepartment } from './service.ts';

/** Every official of the city reads the register (to dispatch, to fill a form); its admin keeps it. */
export const DEPARTMENT_READERS: readonly Role[] = STAFF;
export const DEPARTMENT_WRITERS: readonly Role[] = ['city_admin'];

/** 职能部门名录 of the caller's city. Every change is audited. */
export const departmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['departments'];

  app.get('/api/departments', { config: { access: { roles: DEPARTMENT_READERS } }, schema: { tags, summary: '职能部门名录 of my city, with open tickets, active routing rules and handler accounts of each', querystring: DepartmentQuery, response: { 200: DepartmentList } } },
    async (req) => listDepartments(db, req.caller!, req.query));
  app.post('/api/departments', { config: { access: { roles: DEPARTMENT_WRITERS } }, schema: { tags, summary: 'Add a department (name unique in the city)', body: CreateDepartment, response: { 201: DepartmentOut } } },
    async (req, reply) => reply.status(201).send(await createDepartment(db, req.caller!, req.body, req.ip)));
  app.patch('/api/departments/:id', { config: { access: { roles: DEPARTMENT_WRITERS } }, schema: { tags, summary: 'Rename (tickets, accounts and rules follow), change kind, phone, order; switch off (refused while it has open tickets or active rules) or on', params: DepartmentParam, body: PatchDepartment, response: { 200: DepartmentOut } } },
    async (req) => patchDepartment(db, req.caller!, req.params.id, req.body, req.ip));
};
