// Every route of the API, registered in one place. The OpenAPI document and the golden route table
// are made from this list.
import { attachmentRoutes } from './attachments/routes.ts';
import { blockedSenderRoutes } from './blocked-senders/routes.ts';
import { eventRoutes } from './events/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { inboundRoutes } from './inbound/routes.ts';
import { mailLogRoutes } from './mail-log/routes.ts';
import { mailboxRoutes } from './mailboxes/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { openApiRoutes } from './openapi.ts';
import { projectRoutes } from './projects/routes.ts';
import type { RouteDefinition } from './route.ts';
import { serviceDeskAddressRoutes } from './service-desk/address-routes.ts';
import { serviceDeskRoutes } from './service-desk/routes.ts';
import { sessionRoutes } from './session/routes.ts';
import { noteRoutes } from './notes/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { ticketRoutes } from './tickets/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { unsubscribeRoutes } from './unsubscribe/routes.ts';
import { uploadRoutes } from './uploads/routes.ts';
import { userRoutes } from './users/routes.ts';

export const apiRoutes = (): RouteDefinition[] => [
  ...healthRoutes,
  ...sessionRoutes,
  ...userRoutes,
  ...notificationRoutes,
  ...tokenRoutes,
  ...projectRoutes,
  ...memberRoutes,
  ...serviceDeskRoutes,
  ...serviceDeskAddressRoutes,
  ...ticketRoutes,
  ...noteRoutes,
  ...eventRoutes,
  ...uploadRoutes,
  ...attachmentRoutes,
  ...mailLogRoutes,
  ...blockedSenderRoutes,
  ...mailboxRoutes,
  ...inboundRoutes,
  ...unsubscribeRoutes,
];

export const allRoutes = (): RouteDefinition[] => [...apiRoutes(), ...openApiRoutes(apiRoutes)];
