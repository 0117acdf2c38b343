/**
 * The page's one way to the engine: same-origin fetch with the session cookie, JSON in and
 * out, and the contract's error shape `{ statusCode, error, message, fields? }` turned into
 * an ApiError the forms can show field by field.
 */
export interface FieldError {
  field: string;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The messages for one form field (and its nested fields, e.g. `attendees.0`). */
  messagesFor(field: string): string[] {
    return this.fields
      .filter((f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`))
      .flatMap((f) => f.messages);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Makes a retry (or a double click) of the same submission append once. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Called when any answer says the session is gone (401), so the page can ask to sign in again. */
let onSignedOut: (() => void) | null = null;
export const setSignedOutHandler = (handler: (() => void) | null): void => {
  onSignedOut = handler;
};

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = body.message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return typeof body === 'string' && body ? body : `HTTP ${status}`;
}

function fieldsOf(body: unknown): FieldError[] {
  if (!body || typeof body !== 'object' || !('fields' in body)) return [];
  const fields = body.fields;
  return Array.isArray(fields)
    ? fields.filter(
        (f): f is FieldError =>
          !!f &&
          typeof f === 'object' &&
          typeof (f as FieldError).field === 'string' &&
          Array.isArray((f as FieldError).messages),
      )
    : [];
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // Status 0: the engine could not be reached; a retry with the same key is safe.
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: unknown = text;
  if (text && (response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/auth/login') onSignedOut?.();
    throw new ApiError(response.status, messageOf(body, response.status), fieldsOf(body));
  }
  return (text ? body : null) as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> =>
  request<T>('GET', path, { query, signal });

export const post = <T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> =>
  request<T>('POST', path, { body, idempotencyKey });
