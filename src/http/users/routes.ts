import { z } from 'zod';
import { createUser } from '../../app/users/create-user.ts';
import { getUserById } from '../../app/users/find-user.ts';
import { listUsers } from '../../app/users/list-users.ts';
import { canOnInstance } from '../../domain/policy.ts';
import { idParam } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentUser } from './presenters.ts';
import { createUserBody, listUsersQuery, userView } from './schemas.ts';

export const userRoutes = [
  defineRoute({
    method: 'GET',
    path: '/user',
    auth: 'token',
    tag: 'users',
    summary: 'The signed-in user',
    status: 200,
    response: userView,
    async handler({ ctx, auth }) {
      return presentUser(await getUserById(ctx.db.db, auth.actor.userId), true);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/users',
    auth: 'token',
    tag: 'users',
    summary: 'List users (email addresses only for admins and yourself)',
    query: listUsersQuery,
    status: 200,
    list: true,
    response: userView,
    async handler({ ctx, auth, query }) {
      const page = await listUsers(ctx, { perPage: query.per_page, cursor: query.cursor, username: query.username });
      return { items: page.items.map((u) => presentUser(u, canOnInstance(auth.actor, 'read_user_email', u.id))), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/users/:id',
    auth: 'token',
    tag: 'users',
    summary: 'One user',
    params: z.object({ id: idParam }),
    status: 200,
    response: userView,
    async handler({ ctx, auth, params }) {
      return presentUser(await getUserById(ctx.db.db, params.id), canOnInstance(auth.actor, 'read_user_email', params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/users',
    auth: 'token',
    tag: 'users',
    summary: 'Create a user (instance admins)',
    body: createUserBody,
    status: 201,
    response: userView,
    async handler({ ctx, auth, body }) {
      return presentUser(await createUser(ctx, auth.actor, body), true);
    },
  }),
];
