import type { Role } from '../../db/types.ts';

/** The authenticated user of a request, by session cookie or API key. */
export interface Caller {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  cityCode: string;
  scopePath: string;
  department: string | null;
  via: 'session' | 'api_key';
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}
