// The one API client of the web app. Every request goes through `api()`: same-origin cookies, JSON in
// and out, the CSRF token on writes, a 401 sends the agent to sign in (and back here afterwards), and
// error bodies `{ error, message, details }` become an `ApiError` whose message the screens show.
// Nothing else in the app calls fetch() on /api.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  /** Seconds from a Retry-After header (429), when given. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

let csrfToken: string | null = null;

/** Set from the session answer (sign-in or GET /session after a reload); sent on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export type ApiOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Sign-in and the session probe handle a 401 themselves instead of redirecting. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
};

export type ApiPage<T> = { items: T; nextCursor: string | null; total: number | null };

/**
 * `/projects/<project>`: the API takes a project's full path (URL-encoded) wherever it takes its id, so a
 * screen asks for a project's data by the path in its own URL without waiting to learn the id.
 */
export const projectApiPath = (project: string) => `/projects/${encodeURIComponent(project)}`;

export function apiUrl(path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const qs = search.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function request(path: string, options: ApiOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Postdesk could not be reached. Check your connection and try again.');
  }
  if (response.ok) return response;
  if (response.status === 401 && options.redirectOn401 !== false) redirectToSignIn();
  throw await errorFrom(response);
}

async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  try {
    const body = (await response.json()) as { error?: string; message?: string; details?: Record<string, unknown> };
    return new ApiError(response.status, body.error ?? 'error', body.message ?? response.statusText, body.details, retryAfter);
  } catch {
    return new ApiError(response.status, 'error', `The server answered ${response.status} ${response.statusText}`, undefined, retryAfter);
  }
}

export function signInPath(): string {
  const here = window.location.pathname + window.location.search;
  return here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

function redirectToSignIn(): void {
  setCsrfToken(null);
  if (!window.location.pathname.startsWith('/login')) window.location.assign(signInPath());
}

/** A JSON request; resolves to undefined for 204. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A list request: the bare array plus the paging headers (X-Next-Cursor, X-Total). */
export async function apiPage<T>(path: string, options: ApiOptions = {}): Promise<ApiPage<T>> {
  const response = await request(path, options);
  const total = response.headers.get('x-total');
  return { items: (await response.json()) as T, nextCursor: response.headers.get('x-next-cursor'), total: total === null ? null : Number(total) };
}

/** Every page of a list (for short lists such as members or labels), `perPage` at a time (the API's maximum: 100, notes 200). */
export async function apiAll<T>(path: string, options: ApiOptions = {}, maxPages = 10, perPage = 100): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: ApiPage<T[]> = await apiPage<T[]>(path, { ...options, query: { ...options.query, per_page: perPage, cursor } });
    all.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/** What to tell the agent about a failed request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter) return `${error.message} Try again in ${formatWait(error.retryAfter)}.`;
    const fields = error.details && typeof error.details === 'object' ? Object.entries(error.details) : [];
    const detail = fields.length ? ` (${fields.map(([name, why]) => `${name}: ${Array.isArray(why) ? why.join(', ') : String(why)}`).join('; ')})` : '';
    return `${error.message}${detail}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
