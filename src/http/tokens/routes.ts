import { z } from 'zod';
import { createPersonalAccessToken } from '../../app/tokens/create-personal-access-token.ts';
import { listPersonalAccessTokens } from '../../app/tokens/list-personal-access-tokens.ts';
import { revokePersonalAccessToken } from '../../app/tokens/revoke-personal-access-token.ts';
import { idParam, pageQuery } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentToken } from './presenters.ts';
import { createdTokenView, createTokenBody, tokenView } from './schemas.ts';

const userParams = z.object({ id: idParam });

export const tokenRoutes = [
  defineRoute({
    method: 'GET',
    path: '/users/:id/personal_access_tokens',
    auth: 'token',
    tag: 'tokens',
    summary: "A user's personal access tokens (the user or an admin); token values are never shown again",
    params: userParams,
    query: pageQuery,
    status: 200,
    list: true,
    response: tokenView,
    async handler({ ctx, auth, params, query }) {
      const page = await listPersonalAccessTokens(ctx, auth.actor, params.id, { perPage: query.per_page, cursor: query.cursor });
      return { items: page.items.map((t) => presentToken(t, ctx.clock())), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/users/:id/personal_access_tokens',
    auth: 'token',
    tag: 'tokens',
    summary: 'Create a personal access token (the user or an admin); the token is in the answer, once',
    params: userParams,
    body: createTokenBody,
    status: 201,
    response: createdTokenView,
    async handler({ ctx, auth, params, body }) {
      const created = await createPersonalAccessToken(ctx, auth.actor, params.id, { name: body.name, scopes: body.scopes, expiresAt: body.expires_at });
      return { ...presentToken(created.row, ctx.clock()), token: created.token };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/personal_access_tokens/:id',
    auth: 'token',
    tag: 'tokens',
    summary: 'Revoke a personal access token (its owner or an admin)',
    params: z.object({ id: idParam }),
    status: 204,
    async handler({ ctx, auth, params }) {
      await revokePersonalAccessToken(ctx, auth.actor, params.id);
    },
  }),
];
