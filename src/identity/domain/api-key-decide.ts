import { InvalidCommandError, NotFoundError, StateConflictError } from '../../shared-kernel/domain-errors';
import type { District } from '../../issues/domain/vocabulary';
import type { Role } from '../access/access-policy';
import type { ApiKeyEvent, ApiKeyState } from './api-key';
import { checkRoleDistrict } from './role-district';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: { now: Date } };

export type CreateApiKey = Command<
  'CreateApiKey',
  { name: string; role: Role; district: District | null; keyHash: string }
>;
export type RevokeApiKey = Command<'RevokeApiKey', Record<string, never>>;
export type ApiKeyCommand = CreateApiKey | RevokeApiKey;

/** Decides one command on the stream of key `keyId`. */
export function decideApiKey(command: ApiKeyCommand, state: ApiKeyState, keyId: string): ApiKeyEvent[] {
  const occurredAt = command.metadata.now.toISOString();
  switch (command.type) {
    case 'CreateApiKey': {
      const { name, role, district, keyHash } = command.data;
      if (state.status !== 'absent') throw new StateConflictError(`API key ${keyId} exists already`);
      // A key never manages users or keys: a leaked one cannot mint more.
      if (role === 'admin')
        throw new InvalidCommandError(
          'role',
          'an API key cannot be admin; users and keys are managed by people',
        );
      checkRoleDistrict(role, district);
      if (!name.trim()) throw new InvalidCommandError('name', 'must not be blank');
      return [
        { type: 'ApiKeyCreated', data: { keyId, name: name.trim(), role, district, keyHash, occurredAt } },
      ];
    }
    case 'RevokeApiKey':
      if (state.status === 'absent') throw new NotFoundError(`API key ${keyId} does not exist`);
      // Revoking twice is still revoked: nothing more to record.
      return state.status === 'revoked' ? [] : [{ type: 'ApiKeyRevoked', data: { keyId, occurredAt } }];
    default: {
      const unexpected: never = command;
      throw new InvalidCommandError('type', `unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}
