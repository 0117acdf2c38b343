import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { newIdempotencyKey } from '../api/idempotency';
import { noteWrite } from '../api/positions';

export interface Submission<A> {
  submit: () => Promise<A | undefined>;
  pending: boolean;
  error: ApiError | null;
  /** The last answer, until the form changes again. */
  done: A | null;
  reset: () => void;
}

/**
 * One form's submission. The Idempotency-Key is made when the reader first submits and kept
 * until the engine gives a definite answer, so a double click, or a retry after the network
 * dropped, appends once; a new key only comes after a success or a refusal (4xx) of the engine.
 */
export function useSubmission<A extends { position?: unknown } | null>(
  send: (idempotencyKey: string) => Promise<A>,
  onDone?: (answer: A) => void,
): Submission<A> {
  const key = useRef<string | null>(null);
  const inFlight = useRef<Promise<A | undefined> | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<A | null>(null);

  const submit = useCallback(() => {
    // A second click while the first is on its way is the same submission.
    if (inFlight.current) return inFlight.current;
    key.current ??= newIdempotencyKey();
    setPending(true);
    setError(null);
    const attempt = send(key.current).then(
      (answer) => {
        key.current = null;
        noteWrite(answer);
        setDone(answer);
        onDone?.(answer);
        return answer;
      },
      (failure: unknown) => {
        const apiError = failure instanceof ApiError ? failure : new ApiError(0, String(failure));
        // Refused by the engine (4xx): nothing was appended, so the corrected form is a new submission.
        if (apiError.status >= 400 && apiError.status < 500) key.current = null;
        setError(apiError);
        return undefined;
      },
    );
    inFlight.current = attempt.finally(() => {
      inFlight.current = null;
      setPending(false);
    });
    return inFlight.current;
  }, [send, onDone]);

  const reset = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);

  return { submit, pending, error, done, reset };
}
