// GET/PUT a project's mail template and preview it against a ticket (INTERFACE.md; SD-71…SD-74).
import { z } from 'zod';
import {
  getServiceDeskTemplate,
  MAX_TEMPLATE_CHARS,
  previewServiceDeskTemplate,
  updateServiceDeskTemplate,
  type ServiceDeskTemplate,
} from '../../app/service-desk/service-desk-templates.ts';
import { TEMPLATE_NAMES } from '../../domain/mail-templates.ts';
import { defineRoute } from '../route.ts';

const templateParams = z.object({
  id: z.string().min(1).describe('Numeric id or URL-encoded full path'),
  name: z.enum(TEMPLATE_NAMES),
});

const templateView = z.object({
  name: z.enum(TEMPLATE_NAMES),
  content: z.string().describe('Markdown with %{PLACEHOLDER}s (SD-72)'),
  default: z.boolean().describe('True when the project has no template of its own and this is the built-in one'),
});

const content = z.string().max(MAX_TEMPLATE_CHARS).nullable();

const present = (t: ServiceDeskTemplate) => ({ name: t.name, content: t.content, default: t.isDefault });

export const serviceDeskTemplateRoutes = [
  defineRoute({
    method: 'GET',
    path: '/projects/:id/service_desk/templates/:name',
    auth: 'token',
    tag: 'service desk',
    summary: "A mail template: the project's own or the built-in default (reporters and up)",
    params: templateParams,
    status: 200,
    response: templateView,
    async handler({ ctx, auth, params }) {
      return present(await getServiceDeskTemplate(ctx, auth.actor, params.id, params.name));
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/projects/:id/service_desk/templates/:name',
    auth: 'token',
    tag: 'service desk',
    summary: 'Save a mail template (maintainers); null or blank content resets it to the default',
    params: templateParams,
    body: z.object({ content }).strict(),
    status: 200,
    response: templateView,
    async handler({ ctx, auth, params, body }) {
      return present(await updateServiceDeskTemplate(ctx, auth.actor, params.id, params.name, body.content));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/projects/:id/service_desk/templates/:name/preview',
    auth: 'token',
    tag: 'service desk',
    summary: 'Render a template (the given content or the saved one) for a ticket, without sending (reporters and up)',
    params: templateParams,
    body: z.object({ content: content.optional(), ticket_iid: z.number().int().positive() }).strict(),
    status: 200,
    response: z.object({ subject: z.string(), text: z.string(), html: z.string() }),
    async handler({ ctx, auth, params, body }) {
      return previewServiceDeskTemplate(ctx, auth.actor, params.id, params.name, { content: body.content, ticketIid: body.ticket_iid });
    },
  }),
];
