import type { FastifyRequest } from 'fastify';
import type { District } from '../../issues/domain/vocabulary';
import type { Role } from '../access/access-policy';

/** Who sent a request, as proved by a token, the session cookie or an API key. */
export interface Principal {
  kind: 'user' | 'api-key';
  /** The username, or the key's id. */
  id: string;
  /** What events record as `metadata.actor`: the username, or `key:<id>`. */
  actor: string;
  /** The user's display name or the key's name: the default of the bodies' person fields. */
  displayName: string;
  role: Role;
  district: District | null;
  /** How the request proved it. */
  via: 'bearer' | 'cookie' | 'api-key';
  /** The session a token belongs to; null for an API key. */
  sessionId: string | null;
  /** When the token expires (ISO); null for an API key. */
  expiresAt: string | null;
}

/** Where the access guard leaves the principal for the route. */
export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The command metadata every event a principal causes carries beside `actor`. */
export const actorMetadata = (principal: Principal): { actorRole: Role; actorDistrict: District | null } => ({
  actorRole: principal.role,
  actorDistrict: principal.district,
});
