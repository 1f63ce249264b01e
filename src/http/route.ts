// A route is data: method, path, who may call it, zod schemas for its input, and a handler.
// The same definitions register the Fastify routes and describe the API in OpenAPI, so the
// document cannot drift from what is served.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Authenticated } from '../app/tokens/authenticate-token.ts';
import type { Context } from '../context.ts';

/** `token`: a personal access token (401 without); `public`: anyone; `webhook`: the inbound webhook secret. */
export type RouteAuth = 'token' | 'public' | 'webhook';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HandlerInput<P, Q, B, A> {
  ctx: Context;
  auth: A;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** What a list handler returns: the page's items (already presented) and the cursor of the next page. */
export interface ListResult<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

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
   * How the body is sent: JSON unless a browser form posts it (`form`: application/x-www-form-urlencoded) or
   * it carries a file (`multipart`: multipart/form-data up to MAX_MESSAGE_BYTES, read by the route's own
   * parser, and only after the caller is authenticated).
   */
  bodyType?: 'json' | 'form' | 'multipart';
  /** What a success answers: JSON unless the route is a page for people (`html`). */
  produces?: 'json' | 'html';
  /** The success status and the shape of one returned object (for lists, of one item). */
  status: 200 | 201 | 204;
  response?: z.ZodType;
  list?: boolean;
  handler(input: HandlerInput<P, Q, B, A extends 'token' ? Authenticated : null>): Promise<unknown>;
}

export function defineRoute<P = undefined, Q = undefined, B = undefined, A extends RouteAuth = 'token'>(route: RouteDefinition<P, Q, B, A>): RouteDefinition {
  return route as unknown as RouteDefinition;
}
