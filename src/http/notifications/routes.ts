import { z } from 'zod';
import { getNotificationSettings, updateNotificationSettings } from '../../app/notifications/notification-settings.ts';
import { defineRoute } from '../route.ts';

const settingsView = z.object({
  new_tickets: z.boolean().describe('Every new ticket in your projects (default off)'),
  customer_replies: z.boolean().describe('A customer replied on a ticket assigned to you (default on)'),
  assignments: z.boolean().describe('You were assigned a ticket (default on)'),
  mentions: z.boolean().describe('Someone @mentioned you in a note (default on)'),
});

export const notificationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/user/notification_settings',
    auth: 'token',
    tag: 'users',
    summary: 'What you are mailed about; answer those mails to reply on the ticket as yourself',
    status: 200,
    response: settingsView,
    async handler({ ctx, auth }) {
      return getNotificationSettings(ctx, auth.actor);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/user/notification_settings',
    auth: 'token',
    tag: 'users',
    summary: 'Change what you are mailed about (only the fields given change)',
    body: settingsView.partial().strict(),
    status: 200,
    response: settingsView,
    async handler({ ctx, auth, body }) {
      return updateNotificationSettings(ctx, auth.actor, body);
    },
  }),
];
