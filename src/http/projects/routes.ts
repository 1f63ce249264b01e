import { createProject } from '../../app/projects/create-project.ts';
import { listProjects } from '../../app/projects/list-projects.ts';
import { loadProjectFor } from '../../app/projects/project-access.ts';
import { updateProject } from '../../app/projects/update-project.ts';
import { projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentProject } from './presenters.ts';
import { createProjectBody, listProjectsQuery, projectView, updateProjectBody } from './schemas.ts';

export const projectRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects',
    auth: 'token',
    tag: 'projects',
    summary: 'Projects you can see',
    query: listProjectsQuery,
    status: 200,
    list: true,
    response: projectView,
    async handler({ ctx, auth, query }) {
      const page = await listProjects(ctx, auth.actor, { perPage: query.per_page, cursor: query.cursor, membership: query.membership, search: query.search });
      return { items: page.items.map((p) => presentProject(p, ctx.config.publicUrl)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects',
    auth: 'token',
    tag: 'projects',
    summary: 'Create a project; you become its owner; its service desk is enabled',
    body: createProjectBody,
    status: 201,
    response: projectView,
    async handler({ ctx, auth, body }) {
      return presentProject(await createProject(ctx, auth.actor, body), ctx.config.publicUrl);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/projects/:id',
    auth: 'token',
    tag: 'projects',
    summary: 'One project, by numeric id or URL-encoded path',
    params: projectParams,
    status: 200,
    response: projectView,
    async handler({ ctx, auth, params }) {
      const { project } = await loadProjectFor(ctx.db.db, auth.actor, params.id, 'read_project');
      return presentProject(project, ctx.config.publicUrl);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/projects/:id',
    auth: 'token',
    tag: 'projects',
    summary: 'Change name, path or visibility (maintainers); a new path changes the service desk address',
    params: projectParams,
    body: updateProjectBody,
    status: 200,
    response: projectView,
    async handler({ ctx, auth, params, body }) {
      return presentProject(await updateProject(ctx, auth.actor, params.id, body), ctx.config.publicUrl);
    },
  }),
];
