// The OpenAPI 3.1 document, made from the route definitions (and so always true to them).
import { z } from 'zod';
import { fullPath } from './register-routes.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !field.safeParse(undefined).success,
    ...(field.description && { description: field.description }),
    schema: jsonSchema(field, 'input'),
  }));
}

const BODY_MEDIA_TYPES = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  rfc822: 'message/rfc822',
  multipart: 'multipart/form-data',
} as const;
const bodyMediaType = (route: RouteDefinition) => BODY_MEDIA_TYPES[route.bodyType ?? 'json'];

function operation(route: RouteDefinition) {
  const success: Record<string, unknown> = { description: route.summary };
  if (route.response) {
    const item = jsonSchema(route.response, 'output');
    success.content = { 'application/json': { schema: route.list ? { type: 'array', items: item } : item } };
  }
  if (route.produces === 'html') success.content = { 'text/html': { schema: { type: 'string' } } };
  if (route.produces === 'event-stream') success.content = { 'text/event-stream': { schema: { type: 'string' } } };
  if (route.list) {
    success.headers = {
      'X-Next-Cursor': { description: 'Cursor of the next page; absent on the last page', schema: { type: 'string' } },
      Link: { description: 'rel="next" link to the next page', schema: { type: 'string' } },
    };
  }
  const errors = (codes: number[]) =>
    Object.fromEntries(
      codes.map((code) => [String(code), { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
    );
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method.toLowerCase()}${fullPath(route).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body && { requestBody: { required: true, content: { [bodyMediaType(route)]: { schema: jsonSchema(route.body, 'input') } } } }),
    ...(route.auth === 'public' ? { security: [] } : route.auth === 'webhook' ? { security: [{ webhookSecret: [] }] } : {}),
    ...(route.auth === 'session' && { security: [{ sessionCookie: [] }] }),
    responses: { [String(route.status)]: success, ...errors(route.auth === 'public' ? [400] : [400, 401, 403, 404, 409]) },
  };
}

export function buildOpenApi(routes: RouteDefinition[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = fullPath(route).replace(/:([A-Za-z_]+)/g, '{$1}');
    const operations = paths[path] ?? {};
    operations[route.method.toLowerCase()] = operation(route);
    paths[path] = operations;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Postdesk API',
      version: '1',
      description: 'Tickets from email, answered by a team. Lists are bare arrays; the next page is in X-Next-Cursor.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token' },
        webhookSecret: { type: 'http', scheme: 'bearer', description: 'INBOUND_WEBHOOK_SECRET' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'postdesk_session',
          description: 'The session of POST /session; writes also need its csrf_token in the X-CSRF-Token header',
        },
      },
      schemas: { Error: errorBody },
    },
    paths,
  };
}

/** `GET /openapi.json` describes every other route and itself. */
export function openApiRoutes(apiRoutes: () => RouteDefinition[]): RouteDefinition[] {
  const self: RouteDefinition = defineRoute<undefined, undefined, undefined, 'public'>({
    method: 'GET',
    path: '/openapi.json',
    auth: 'public',
    tag: 'instance',
    summary: 'This OpenAPI document',
    status: 200,
    async handler({ ctx }) {
      return buildOpenApi([...apiRoutes(), self], ctx.config.publicUrl);
    },
  });
  return [self];
}
