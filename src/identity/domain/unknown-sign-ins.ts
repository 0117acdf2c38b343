import { InvalidCommandError } from '../../shared-kernel/domain-errors';

/**
 * Refused sign-ins for usernames nobody has, one stream per 15-minute window. Each is a
 * security event worth auditing, but a stranger can send any number of them, so a window
 * records at most `PER_ADDRESS` from one client address and `PER_WINDOW` in all; the event
 * that reaches a cap says so, and later refusals in the window are answered (401) without
 * being recorded. The per-address rate limit of the sign-in route bounds them further.
 */
export const WINDOW_MS = 15 * 60_000;
export const PER_ADDRESS = 5;
export const PER_WINDOW = 50;

export type UnknownSignInRefused = {
  type: 'UnknownSignInRefused';
  data: {
    /** As typed, cut to 64 characters. */
    username: string;
    address: string;
    /** `address`: this address reached its cap; `window`: the window did; null: neither. */
    capReached: 'address' | 'window' | null;
    occurredAt: string;
  };
};
export type UnknownSignInEvent = UnknownSignInRefused;
export const UNKNOWN_SIGN_IN_EVENT_TYPES = ['UnknownSignInRefused'] as const;

export interface UnknownSignInState {
  recorded: number;
  byAddress: Readonly<Record<string, number>>;
}

export const initialUnknownSignInState = (): UnknownSignInState => ({ recorded: 0, byAddress: {} });

export function evolveUnknownSignIns(
  state: UnknownSignInState,
  event: UnknownSignInEvent,
): UnknownSignInState {
  switch (event.type) {
    case 'UnknownSignInRefused': {
      const { address } = event.data;
      return {
        recorded: state.recorded + 1,
        byAddress: { ...state.byAddress, [address]: (state.byAddress[address] ?? 0) + 1 },
      };
    }
    default: {
      const unexpected: never = event.type;
      throw new Error(`unknown event ${JSON.stringify(unexpected)}`);
    }
  }
}

export type RecordUnknownSignIn = {
  type: 'RecordUnknownSignIn';
  data: { username: string; address: string };
  metadata: { now: Date };
};

/** The window a time falls in, as its start. */
export const windowStart = (now: Date): Date => new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);

export function decideUnknownSignIn(
  command: RecordUnknownSignIn,
  state: UnknownSignInState,
): UnknownSignInEvent[] {
  if (command.type !== 'RecordUnknownSignIn') throw new InvalidCommandError('type', 'unknown command');
  const { address } = command.data;
  const fromAddress = state.byAddress[address] ?? 0;
  if (state.recorded >= PER_WINDOW || fromAddress >= PER_ADDRESS) return [];
  const capReached =
    state.recorded + 1 === PER_WINDOW ? 'window' : fromAddress + 1 === PER_ADDRESS ? 'address' : null;
  return [
    {
      type: 'UnknownSignInRefused',
      data: {
        username: command.data.username.slice(0, 64),
        address,
        capReached,
        occurredAt: command.metadata.now.toISOString(),
      },
    },
  ];
}
