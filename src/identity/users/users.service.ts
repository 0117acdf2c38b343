import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../clock/clock';
import type { CommandContext } from '../../command-handling/command-context';
import { handleCommand, type CommandOutcome } from '../../command-handling/handle-command';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import type { District } from '../../issues/domain/vocabulary';
import { InvalidCommandError, NotFoundError } from '../../shared-kernel/domain-errors';
import type { Role } from '../access/access-policy';
import { userStreamId, USERNAME_PATTERN } from '../domain/identity-streams';
import { checkPassword } from '../domain/password-rule';
import { userStream } from '../domain/stream-types';
import { decideUser, type UserCommand } from '../domain/user-decide';
import type { UserState } from '../domain/user-state';
import { hashPassword } from '../auth/passwords';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  district?: District | null;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  district?: District | null;
  disabled?: boolean;
}

/** A user as every answer shows it: never a password or a hash. */
export interface UserView {
  username: string;
  displayName: string;
  role: Role;
  district: District | null;
  disabled: boolean;
}

export const userView = (state: UserState): UserView => ({
  username: state.username,
  displayName: state.displayName,
  role: state.role,
  district: state.district,
  disabled: state.status === 'disabled',
});

/**
 * The commands on users, each through the one generic command path: the HTTP routes, the
 * first start (initial admin) and `npm run users:add` all come here. Passwords are checked
 * against the complexity rule and hashed before the pure decider sees the command.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(user: NewUser, context: CommandContext): Promise<CommandOutcome<UserState>> {
    const username = user.username.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      throw new InvalidCommandError(
        'username',
        'must be 2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    }
    checkPassword(user.password);
    const passwordHash = await hashPassword(user.password);
    return this.send(
      username,
      {
        type: 'CreateUser',
        data: {
          displayName: user.displayName,
          role: user.role,
          district: user.district ?? null,
          passwordHash,
        },
        metadata: { now: this.clock.now() },
      },
      context,
    );
  }

  change(
    username: string,
    changes: UserChanges,
    context: CommandContext,
  ): Promise<CommandOutcome<UserState>> {
    return this.send(
      username,
      { type: 'ChangeUser', data: changes, metadata: { now: this.clock.now() } },
      context,
    );
  }

  async setPassword(
    username: string,
    password: string,
    context: CommandContext,
  ): Promise<CommandOutcome<UserState>> {
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    return this.send(
      username,
      { type: 'ChangePassword', data: { passwordHash }, metadata: { now: this.clock.now() } },
      context,
    );
  }

  /** Runs one command on a user's stream (also used by sign-in and sign-out). */
  send(username: string, command: UserCommand, context: CommandContext): Promise<CommandOutcome<UserState>> {
    if (!USERNAME_PATTERN.test(username))
      throw new NotFoundError(`user ${username.slice(0, 100)} does not exist`);
    return handleCommand(
      this.store,
      userStreamId(username),
      userStream,
      (state) => decideUser(command, state, username),
      context,
      { subject: `user ${username}` },
    );
  }
}
