import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../clock/clock';
import type { CommandContext } from '../../command-handling/command-context';
import { handleCommand, type CommandOutcome } from '../../command-handling/handle-command';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import type { District } from '../../issues/domain/vocabulary';
import { NotFoundError } from '../../shared-kernel/domain-errors';
import type { Role } from '../access/access-policy';
import { KEY_ID_PATTERN, newApiKey } from '../auth/api-key-format';
import type { ApiKeyState } from '../domain/api-key';
import { decideApiKey, type ApiKeyCommand } from '../domain/api-key-decide';
import { apiKeyStreamId } from '../domain/identity-streams';
import { apiKeyStream } from '../domain/stream-types';

/** API keys for machine clients, each command through the generic command path. */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates a key and gives it, this once, with its id. */
  async create(
    input: { name: string; role: Role; district?: District | null },
    context: CommandContext,
  ): Promise<{ key: string; outcome: CommandOutcome<ApiKeyState> }> {
    const { keyId, key, keyHash } = newApiKey();
    const outcome = await this.send(
      keyId,
      {
        type: 'CreateApiKey',
        data: { name: input.name, role: input.role, district: input.district ?? null, keyHash },
        metadata: { now: this.clock.now() },
      },
      context,
    );
    return { key, outcome };
  }

  revoke(keyId: string, context: CommandContext): Promise<CommandOutcome<ApiKeyState>> {
    return this.send(keyId, { type: 'RevokeApiKey', data: {}, metadata: { now: this.clock.now() } }, context);
  }

  private send(
    keyId: string,
    command: ApiKeyCommand,
    context: CommandContext,
  ): Promise<CommandOutcome<ApiKeyState>> {
    if (!KEY_ID_PATTERN.test(keyId)) throw new NotFoundError(`API key ${keyId.slice(0, 100)} does not exist`);
    return handleCommand(
      this.store,
      apiKeyStreamId(keyId),
      apiKeyStream,
      (state) => decideApiKey(command, state, keyId),
      context,
      { subject: `API key ${keyId}` },
    );
  }
}
