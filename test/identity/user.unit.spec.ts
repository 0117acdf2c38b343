import {
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import { isLockedOut, LOCKOUT_FAILURES } from '../../src/identity/domain';
import {
  at,
  created,
  foldUser,
  given,
  NOW,
  refused,
  signIn,
  signedIn,
  USERNAME,
} from './user-given-when-then';

const meta = { now: NOW };

describe('CreateUser', () => {
  it('creates a district user with its district', () => {
    given([])
      .when({
        type: 'CreateUser',
        data: {
          displayName: ' 驻思明区工作组 ',
          role: 'work-group',
          district: 'siming',
          passwordHash: 'hash-1',
        },
        metadata: meta,
      })
      .then([created()]);
  });

  it('refuses a taken username', () => {
    given([created()])
      .when({
        type: 'CreateUser',
        data: { displayName: 'x', role: 'division', district: null, passwordHash: 'h' },
        metadata: meta,
      })
      .thenThrows(StateConflictError, `username ${USERNAME} is taken`);
  });

  it('requires a district for the district roles and refuses one for the city roles', () => {
    given([])
      .when({
        type: 'CreateUser',
        data: { displayName: 'x', role: 'district-bureau', district: null, passwordHash: 'h' },
        metadata: meta,
      })
      .thenThrows(InvalidCommandError, 'district: is required for role district-bureau');
    given([])
      .when({
        type: 'CreateUser',
        data: { displayName: 'x', role: 'supervisor', district: 'huli', passwordHash: 'h' },
        metadata: meta,
      })
      .thenThrows(InvalidCommandError, 'role supervisor acts for the whole city');
  });
});

describe('ChangeUser', () => {
  it('moves a user to another district: access changed, so its sessions end', () => {
    given([created(), signedIn('s-1')])
      .when({ type: 'ChangeUser', data: { district: 'huli' }, metadata: meta })
      .then([
        {
          type: 'UserChanged',
          data: {
            username: USERNAME,
            displayName: '驻思明区工作组',
            role: 'work-group',
            district: 'huli',
            accessChanged: true,
            occurredAt: NOW.toISOString(),
          },
        },
      ]);
    const state = foldUser([
      created(),
      signedIn('s-1'),
      {
        type: 'UserChanged',
        data: {
          username: USERNAME,
          displayName: 'x',
          role: 'work-group',
          district: 'huli',
          accessChanged: true,
          occurredAt: NOW.toISOString(),
        },
      },
    ]);
    expect(state.sessions).toEqual({});
    expect(state.accessVersion).toBe(1);
  });

  it('a new display name alone keeps the sessions', () => {
    given([created()])
      .when({ type: 'ChangeUser', data: { displayName: '思明组' }, metadata: meta })
      .then([
        {
          type: 'UserChanged',
          data: {
            username: USERNAME,
            displayName: '思明组',
            role: 'work-group',
            district: 'siming',
            accessChanged: false,
            occurredAt: NOW.toISOString(),
          },
        },
      ]);
  });

  it('a city role drops the district by itself', () => {
    given([created()])
      .when({ type: 'ChangeUser', data: { role: 'division' }, metadata: meta })
      .then([
        {
          type: 'UserChanged',
          data: {
            username: USERNAME,
            displayName: '驻思明区工作组',
            role: 'division',
            district: null,
            accessChanged: true,
            occurredAt: NOW.toISOString(),
          },
        },
      ]);
  });

  it('disables and enables; the same values again record nothing', () => {
    given([created()])
      .when({ type: 'ChangeUser', data: { disabled: true }, metadata: meta })
      .then([{ type: 'UserDisabled', data: { username: USERNAME, occurredAt: NOW.toISOString() } }]);
    given([created(), { type: 'UserDisabled', data: { username: USERNAME, occurredAt: NOW.toISOString() } }])
      .when({ type: 'ChangeUser', data: { disabled: false }, metadata: meta })
      .then([{ type: 'UserEnabled', data: { username: USERNAME, occurredAt: NOW.toISOString() } }]);
    given([created()])
      .when({ type: 'ChangeUser', data: { disabled: false, district: 'siming' }, metadata: meta })
      .then([]);
  });

  it('refuses an unknown user', () => {
    given([])
      .when({ type: 'ChangeUser', data: { disabled: true }, metadata: meta })
      .thenThrows(NotFoundError, `user ${USERNAME} does not exist`);
  });
});

describe('RecordSignIn', () => {
  it('opens a session when the password matched the current hash', () => {
    given([created()])
      .when(signIn(0, true, 's-1'))
      .then([
        {
          type: 'UserSignedIn',
          data: {
            username: USERNAME,
            sessionId: 's-1',
            expiresAt: at(480).toISOString(),
            address: '10.0.0.9',
            occurredAt: NOW.toISOString(),
          },
        },
      ]);
  });

  it('refuses a password checked against a hash changed in between', () => {
    given([created()])
      .when(signIn(0, true, 's-1', 'hash-0'))
      .then([refused(0, 1)]);
  });

  it('refuses a disabled user, saying so in the log only', () => {
    given([created(), { type: 'UserDisabled', data: { username: USERNAME, occurredAt: NOW.toISOString() } }])
      .when(signIn(1, true))
      .then([
        {
          type: 'SignInRefused',
          data: {
            username: USERNAME,
            reason: 'disabled',
            address: '10.0.0.9',
            failures: 1,
            occurredAt: at(1).toISOString(),
          },
        },
      ]);
  });

  it(`locks the user out at the ${LOCKOUT_FAILURES}th refusal within 15 minutes`, () => {
    const past = [created(), refused(1, 1), refused(2, 2), refused(3, 3), refused(4, 4)];
    given(past)
      .when(signIn(5, false))
      .then([
        {
          type: 'SignInRefused',
          data: {
            username: USERNAME,
            reason: 'wrong-password',
            address: '10.0.0.9',
            failures: 5,
            occurredAt: at(5).toISOString(),
          },
        },
        {
          type: 'UserLockedOut',
          data: {
            username: USERNAME,
            until: at(20).toISOString(),
            failures: 5,
            address: '10.0.0.9',
            occurredAt: at(5).toISOString(),
          },
        },
      ]);
  });

  it('counts only the refusals of the last 15 minutes', () => {
    const past = [created(), refused(0, 1), refused(1, 2), refused(2, 3), refused(20, 1)];
    given(past)
      .when(signIn(21, false))
      .then([
        {
          type: 'SignInRefused',
          data: {
            username: USERNAME,
            reason: 'wrong-password',
            address: '10.0.0.9',
            failures: 2,
            occurredAt: at(21).toISOString(),
          },
        },
      ]);
  });

  it('while locked, records nothing (not even the right password); after the lock, signs in again', () => {
    const locked = [
      created(),
      {
        type: 'UserLockedOut',
        data: {
          username: USERNAME,
          until: at(15).toISOString(),
          failures: 5,
          address: 'x',
          occurredAt: NOW.toISOString(),
        },
      },
    ] as const;
    expect(isLockedOut(foldUser([...locked]), at(14))).toBe(true);
    given([...locked])
      .when(signIn(14, true))
      .then([]);
    given([...locked])
      .when(signIn(14, false))
      .then([]);
    expect(isLockedOut(foldUser([...locked]), at(16))).toBe(false);
    given([...locked])
      .when(signIn(16, true, 's-2'))
      .then([signedIn('s-2', 16)]);
  });

  it('a new password lifts the lock and ends the sessions', () => {
    const state = foldUser([
      created(),
      signedIn('s-1'),
      {
        type: 'UserLockedOut',
        data: {
          username: USERNAME,
          until: at(15).toISOString(),
          failures: 5,
          address: 'x',
          occurredAt: NOW.toISOString(),
        },
      },
      {
        type: 'PasswordChanged',
        data: { username: USERNAME, passwordHash: 'hash-2', occurredAt: at(1).toISOString() },
      },
    ]);
    expect(state).toMatchObject({
      lockedUntil: null,
      sessions: {},
      accessVersion: 1,
      passwordHash: 'hash-2',
    });
  });
});

describe('SignOut', () => {
  it('ends an open session once; an ended or unknown one records nothing', () => {
    given([created(), signedIn('s-1')])
      .when({ type: 'SignOut', data: { sessionId: 's-1' }, metadata: { now: at(1) } })
      .then([
        {
          type: 'UserSignedOut',
          data: { username: USERNAME, sessionId: 's-1', occurredAt: at(1).toISOString() },
        },
      ]);
    given([
      created(),
      signedIn('s-1'),
      {
        type: 'UserSignedOut',
        data: { username: USERNAME, sessionId: 's-1', occurredAt: at(1).toISOString() },
      },
    ])
      .when({ type: 'SignOut', data: { sessionId: 's-1' }, metadata: { now: at(2) } })
      .then([]);
  });

  it('forgets sessions past their expiry as new ones open', () => {
    const state = foldUser([created(), signedIn('s-old', 0, 60), signedIn('s-new', 120)]);
    expect(Object.keys(state.sessions)).toEqual(['s-new']);
  });
});
