import { resetCustomEmail, restartCustomEmailVerification } from '../../app/custom-email/manage-custom-email.ts';
import { getServiceDeskSettings, updateServiceDeskSettings } from '../../app/service-desk/service-desk-settings.ts';
import { projectParams } from '../common-schemas.ts';
import { oauth2InputOf } from '../oauth2-schemas.ts';
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
      const { custom_email_smtp_oauth2: oauth2, ...rest } = body;
      return presentServiceDesk(
        await updateServiceDeskSettings(ctx, auth.actor, params.id, { ...rest, ...(oauth2 && { custom_email_smtp_oauth2: oauth2InputOf(oauth2) }) }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/service_desk/custom_email/verification',
    auth: 'token',
    tag: 'service desk',
    summary: 'Start the verification of the custom email again (maintainers; SD-93): a new token through the SMTP account',
    params: projectParams,
    status: 200,
    response: serviceDeskView,
    async handler({ ctx, auth, params }) {
      return presentServiceDesk(await restartCustomEmailVerification(ctx, auth.actor, params.id));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/projects/:id/service_desk/custom_email',
    auth: 'token',
    tag: 'service desk',
    summary: 'Reset the custom email (maintainers; SD-100): its SMTP account and verification are deleted; 404 when there is none',
    params: projectParams,
    status: 204,
    async handler({ ctx, auth, params }) {
      await resetCustomEmail(ctx, auth.actor, params.id);
    },
  }),
  ...serviceDeskTemplateRoutes,
];
