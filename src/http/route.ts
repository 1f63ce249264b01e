// A route is data: method, path, who may call it, zod schemas for its input, and a handler.
// The same definitions register the Fastify routes and describe the API in OpenAPI, so the
// document cannot drift from what is served.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Context } from '../context.ts';
import type { RequestAuth, SessionAuth } from './auth.ts';

/**
 * `token`: a personal access token or the session cookie (401 without); `session`: the session cookie only;
 * `public`: anyone; `webhook`: the inbound webhook secret. Credentials are checked before the body is read.
 */
export type RouteAuth = 'token' | 'session' | 'public' | 'webhook';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HandlerInput<P, Q, B, A> {
  ctx: Context;
  auth: A;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Checks the request's credentials again, as at its start: a long-lived answer (an event stream) ends when they expire. */
  reauthenticate(): Promise<A>;
}

/** What a list handler returns: the page's items (already presented) and the cursor of the next page. */
export interface ListResult<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

type AuthOf<A extends RouteAuth> = A extends 'token' ? RequestAuth : A extends 'session' ? SessionAuth : null;

export interface RouteDefinition<P = unknown, Q = unknown, B = unknown, A extends RouteAuth = RouteAuth> {
  method: HttpMethod;
  /** Under `/api/v1`, in Fastify's syntax (`/projects/:id`); `/health` and `/-/…` pages stay at the root. */
  path: string;
  auth: A;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * How the body is sent: JSON (at most 1 MiB) unless a browser form posts it (`form`: application/x-www-form-urlencoded),
   * it is a raw mail (`rfc822`: message/rfc822; over MAX_MESSAGE_BYTES only its start is kept, body-parsers.ts), or it carries a file (`multipart`:
   * multipart/form-data up to MAX_MESSAGE_BYTES, read by the route's own parser). Only routes that say so accept
   * those types, and only after the caller is authenticated.
   */
  bodyType?: 'json' | 'form' | 'rfc822' | 'multipart';
  /** What a success answers: JSON unless the route is a page for people (`html`) or a stream of server-sent events. */
  produces?: 'json' | 'html' | 'event-stream';
  /** The success status and the shape of one returned object (for lists, of one item). */
  status: 200 | 201 | 204;
  response?: z.ZodType;
  list?: boolean;
  handler(input: HandlerInput<P, Q, B, AuthOf<A>>): Promise<unknown>;
}

export function defineRoute<P = undefined, Q = undefined, B = undefined, A extends RouteAuth = 'token'>(route: RouteDefinition<P, Q, B, A>): RouteDefinition {
  return route as unknown as RouteDefinition;
}
