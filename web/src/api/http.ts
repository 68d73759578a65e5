import { type TErrorBody, ZErrorBody } from '@parta/protocol';
import type { z } from 'zod/mini';

/** An answer of the server with `{ error: { code, message } }`; `message` is already in the reader's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: NonNullable<TErrorBody['error']['fields']> = [],
    /** on 429: the seconds the server asked to wait (`Retry-After`) */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** The request never reached the server (offline, DNS, connection reset). */
export class NetworkError extends Error {
  readonly code = 'network';
}

interface Settings {
  csrfToken: string | null;
  language: string;
  /** called when a request answers `auth.required`: the session is gone */
  onSessionLost: () => void;
  /** the text shown when the server answered something unreadable */
  unexpected: () => string;
  /** how a request travels: the page's `fetch`; a test outside the browser gives its own (server address, cookie) */
  fetch: (path: string, init: RequestInit) => Promise<Response>;
}

const settings: Settings = {
  csrfToken: null,
  language: 'ru',
  onSessionLost: () => {},
  unexpected: () => 'Unexpected answer',
  fetch: (path, init) => fetch(path, init),
};

export function configureHttp(patch: Partial<Settings>): void {
  Object.assign(settings, patch);
}

/**
 * One request to the API: JSON in, JSON out, checked against the protocol's
 * schema. Every state-changing request carries the session's CSRF token.
 * `sent`: the same GET, already on its way (index.html asks who is here
 * before the scripts arrive).
 */
export async function request<S extends z.ZodMiniType>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  body?: unknown,
  sent?: Promise<Response | Error>,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': settings.language,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && settings.csrfToken) headers['x-csrf-token'] = settings.csrfToken;
  let response: Response | Error;
  try {
    response = await (sent ??
      settings.fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
      }));
  } catch (error) {
    throw new NetworkError((error as Error).message);
  }
  if (response instanceof Error) throw new NetworkError(response.message);
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ZErrorBody.safeParse(data);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        response.status >= 500 ? 'server.unavailable' : 'client.unexpected',
        settings.unexpected(),
      );
    }
    const { code, message, fields } = parsed.data.error;
    if (code === 'auth.required') settings.onSessionLost();
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      code,
      message,
      fields,
      response.status === 429 && retryAfter > 0 ? retryAfter : null,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.warn('unexpected answer', path, parsed.error.issues);
    throw new ApiError(response.status, 'client.unexpected', settings.unexpected());
  }
  return parsed.data;
}

/** The headers of a state-changing request made outside `request` (an upload through XMLHttpRequest). */
export function writeHeaders(): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': settings.language,
  };
  if (settings.csrfToken) headers['x-csrf-token'] = settings.csrfToken;
  return headers;
}

/** The error an answer of the server stands for (its localised `error.message`), as `request` throws it. */
export function apiErrorOf(status: number, data: unknown): ApiError {
  const parsed = ZErrorBody.safeParse(data);
  if (!parsed.success) {
    return new ApiError(
      status,
      status >= 500 ? 'server.unavailable' : 'client.unexpected',
      settings.unexpected(),
    );
  }
  const { code, message, fields } = parsed.data.error;
  if (code === 'auth.required') settings.onSessionLost();
  return new ApiError(status, code, message, fields);
}

/** Worth trying again later: no connection, or the server was briefly unavailable. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    (error instanceof ApiError && (error.status >= 500 || error.status === 429))
  );
}
