import { getServiceDeskSettings, updateServiceDeskSettings } from '../../app/service-desk/service-desk-settings.ts';
import { projectParams } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';
import { presentServiceDesk } from './presenters.ts';
import { serviceDeskView, updateServiceDeskBody } from './schemas.ts';
import { serviceDeskTemplateRoutes } from './template-routes.ts';

export const serviceDeskRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/service_desk',
    auth: 'token',
    tag: 'service desk',
    summary: "The project's service desk settings and addresses (reporters and up)",
    params: projectParams,
    status: 200,
    response: serviceDeskView,
    async handler({ ctx, auth, params }) {
      return presentServiceDesk(await getServiceDeskSettings(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/projects/:id/service_desk',
    auth: 'token',
    tag: 'service desk',
    summary: 'Change service desk settings (maintainers); only the fields given change',
    params: projectParams,
    body: updateServiceDeskBody,
    status: 200,
    response: serviceDeskView,
    async handler({ ctx, auth, params, body }) {
      return presentServiceDesk(await updateServiceDeskSettings(ctx, auth.actor, params.id, body));
    },
  }),
  ...serviceDeskTemplateRoutes,
];
