import type { Selectable } from 'kysely';

/** What a team member hears about by mail (0/1 each); no row means the defaults. */
export interface NotificationSettingsTable {
  user_id: number;
  new_tickets: number;
  customer_replies: number;
  assignments: number;
  mentions: number;
  updated_at: string;
}

export type NotificationSettingsRow = Selectable<NotificationSettingsTable>;
