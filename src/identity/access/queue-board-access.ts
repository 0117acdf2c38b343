import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { NotSignedIn, type Authenticator } from '../auth/authenticator';
import { cookieWriteRefusal } from '../auth/session-cookie';
import { ACTION_PHRASES, may } from './access-policy';

const answer = (reply: FastifyReply, status: 401 | 403, message: string) => {
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  return reply
    .status(status)
    .send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
};

/**
 * The policy for Bull Board (a Fastify plugin, outside Nest's guards): `queues.operate`, which
 * only admin has. A browser signs in first (POST /auth/login sets the session cookie) and its
 * writes (retry, pause) must come from the engine's own pages like every cookie write.
 */
export function queueBoardAccess(authenticator: Authenticator): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let principal;
    try {
      principal = await authenticator.authenticate(request);
    } catch (error) {
      if (error instanceof NotSignedIn) return answer(reply, 401, error.message);
      throw error;
    }
    if (!may(principal.role, 'queues.operate'))
      return answer(reply, 403, `role ${principal.role} may not ${ACTION_PHRASES['queues.operate']}`);
    const refusal = principal.via === 'cookie' ? cookieWriteRefusal(request) : null;
    if (refusal) return answer(reply, 403, refusal);
  };
}
