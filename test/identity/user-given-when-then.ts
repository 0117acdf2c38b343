import {
  decideUser,
  evolveUser,
  initialUserState,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '../../src/identity/domain';

/**
 * `given(pastEvents).when(command).then(expectedEvents)` for the User decider, folded with the
 * real `evolveUser`. The stream is always `siming-group`'s.
 */
export const USERNAME = 'siming-group';
export const NOW = new Date('2023-03-10T02:00:00.000Z');
export const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

export const foldUser = (events: UserEvent[]): UserState => events.reduce(evolveUser, initialUserState());

type ErrorClass = abstract new (...args: never[]) => Error;

export const given = (events: UserEvent[]) => ({
  when: (command: UserCommand) => {
    const decide = () => decideUser(command, foldUser(events), USERNAME);
    return {
      then: (expected: UserEvent[]): void => expect(decide()).toEqual(expected),
      thenThrows: (errorClass: ErrorClass, messageSubstring?: string): void => {
        let caught: unknown;
        try {
          decide();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(errorClass);
        if (messageSubstring !== undefined) expect((caught as Error).message).toContain(messageSubstring);
      },
    };
  },
});

export const created = (
  over: Partial<Extract<UserEvent, { type: 'UserCreated' }>['data']> = {},
): UserEvent => ({
  type: 'UserCreated',
  data: {
    username: USERNAME,
    displayName: '驻思明区工作组',
    role: 'work-group',
    district: 'siming',
    passwordHash: 'hash-1',
    occurredAt: NOW.toISOString(),
    ...over,
  },
});

export const signedIn = (sessionId: string, minutes = 0, ttlMinutes = 480): UserEvent => ({
  type: 'UserSignedIn',
  data: {
    username: USERNAME,
    sessionId,
    expiresAt: at(minutes + ttlMinutes).toISOString(),
    address: '10.0.0.9',
    occurredAt: at(minutes).toISOString(),
  },
});

export const refused = (minutes: number, failures: number): UserEvent => ({
  type: 'SignInRefused',
  data: {
    username: USERNAME,
    reason: 'wrong-password',
    address: '10.0.0.9',
    failures,
    occurredAt: at(minutes).toISOString(),
  },
});

export const signIn = (minutes: number, matched: boolean, sessionId = 's-new', checkedHash = 'hash-1') =>
  ({
    type: 'RecordSignIn',
    data: {
      passwordMatched: matched,
      checkedHash,
      sessionId,
      expiresAt: at(minutes + 480),
      address: '10.0.0.9',
    },
    metadata: { now: at(minutes) },
  }) as const;
