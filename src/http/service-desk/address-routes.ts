import { z } from 'zod';
import { addProjectAddress, listProjectAddresses, removeProjectAddress, type ProjectAddress } from '../../app/service-desk/project-addresses.ts';
import { projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';

const addressView = z.object({
  key: z.string(),
  labels: z.array(z.string()),
  address: z.string().describe('INCOMING_EMAIL_ADDRESS with `<project slug>-<key>`: mail to it opens tickets with these labels'),
  created_at: z.string(),
});
const presentAddress = (a: ProjectAddress) => ({ key: a.key, labels: a.labels, address: a.address, created_at: a.createdAt });
const addBody = z.object({ key: z.string().describe('Lower-case letters, digits and underscores'), labels: z.array(z.string()).default([]) }).strict();
const keyParams = projectParams.extend({ key: z.string().min(1) });

export const serviceDeskAddressRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/service_desk/addresses',
    auth: 'token',
    tag: 'service desk',
    summary: "The project's extra incoming addresses and the labels each applies (reporters and up)",
    params: projectParams,
    status: 200,
    response: addressView,
    list: true,
    async handler({ ctx, auth, params }) {
      return { items: (await listProjectAddresses(ctx, auth.actor, params.id)).map(presentAddress), nextCursor: null };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/service_desk/addresses',
    auth: 'token',
    tag: 'service desk',
    summary: 'Add an extra incoming address whose new tickets get labels (maintainers)',
    params: projectParams,
    body: addBody,
    status: 201,
    response: addressView,
    async handler({ ctx, auth, params, body }) {
      return presentAddress(await addProjectAddress(ctx, auth.actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/service_desk/addresses/:key',
    auth: 'token',
    tag: 'service desk',
    summary: 'Remove an extra incoming address (maintainers); mail to it is then ignored',
    params: keyParams,
    status: 204,
    async handler({ ctx, auth, params }) {
      await removeProjectAddress(ctx, auth.actor, params.id, params.key);
    },
  }),
];
