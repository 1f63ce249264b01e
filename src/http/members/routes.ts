import { addProjectMember, removeProjectMember, updateProjectMember } from '../../app/members/change-project-member.ts';
import { listProjectMembers } from '../../app/members/list-project-members.ts';
import { pageQuery, projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentMember } from './presenters.ts';
import { addMemberBody, memberParams, memberView, updateMemberBody } from './schemas.ts';

export const memberRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/members',
    auth: 'token',
    tag: 'members',
    summary: "The project's members",
    params: projectParams,
    query: pageQuery,
    status: 200,
    list: true,
    response: memberView,
    async handler({ ctx, auth, params, query }) {
      const page = await listProjectMembers(ctx, auth.actor, params.id, { perPage: query.per_page, cursor: query.cursor });
      return { items: page.items.map(presentMember), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/members',
    auth: 'token',
    tag: 'members',
    summary: 'Add a member (maintainers; only owners grant owner)',
    params: projectParams,
    body: addMemberBody,
    status: 201,
    response: memberView,
    async handler({ ctx, auth, params, body }) {
      return presentMember(await addProjectMember(ctx, auth.actor, params.id, body.user_id, body.access_level));
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/projects/:id/members/:user_id',
    auth: 'token',
    tag: 'members',
    summary: "Change a member's access level (maintainers; only owners touch owners)",
    params: memberParams,
    body: updateMemberBody,
    status: 200,
    response: memberView,
    async handler({ ctx, auth, params, body }) {
      return presentMember(await updateProjectMember(ctx, auth.actor, params.id, params.user_id, body.access_level));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/members/:user_id',
    auth: 'token',
    tag: 'members',
    summary: 'Remove a member (maintainers; the last owner stays)',
    params: memberParams,
    status: 204,
    async handler({ ctx, auth, params }) {
      await removeProjectMember(ctx, auth.actor, params.id, params.user_id);
    },
  }),
];
