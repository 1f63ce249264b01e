// The database side of routing: each question the ladder asks, as one indexed query.
import { hashToken } from '../../app/secrets.ts';
import type { Executor } from '../../db/database.ts';
import { normaliseEmail } from '../../domain/participant-rules.ts';
import type { RoutedProject, RoutingLookups } from './route.ts';

export function routingLookups(db: Executor): RoutingLookups {
  const projects = () =>
    db.selectFrom('projects as p').innerJoin('service_desk_settings as s', 's.project_id', 'p.id').select(['p.id', 'p.path', 's.enabled', 's.custom_email']);
  const routed = (row: { id: number; path: string; enabled: number; custom_email: string | null } | undefined): RoutedProject | undefined =>
    row && { id: row.id, path: row.path, enabled: row.enabled === 1, customEmail: row.custom_email };
  return {
    async replyKey(key) {
      const row = await db
        .selectFrom('reply_keys')
        .select(['ticket_id', 'email', 'user_id', 'internal'])
        .where('key_hash', '=', hashToken(key))
        .executeTakeFirst();
      if (!row) return undefined;
      // A customer's key is good only while they take part: removing a participant revokes every key they got.
      // (A member's key answers to the member's permissions when the note is written.)
      if (row.user_id === null) {
        const participant = await db
          .selectFrom('participants')
          .select('id')
          .where('ticket_id', '=', row.ticket_id)
          .where('email_lower', '=', normaliseEmail(row.email))
          .executeTakeFirst();
        if (!participant) return undefined;
      }
      return { ticketId: row.ticket_id, email: row.email, userId: row.user_id, internal: row.internal === 1 };
    },
    projectById: async (id) => routed(await projects().where('p.id', '=', id).executeTakeFirst()),
    projectsByKey: async (key) => (await projects().where('s.project_key', '=', key).execute()).map((r) => routed(r)!),
    projectByPath: async (path) => routed(await projects().where('p.path_lower', '=', path.toLowerCase()).executeTakeFirst()),
    projectByCustomEmail: async (address) => routed(await projects().where('s.custom_email', '=', address).executeTakeFirst()),
    async projectsByExtraAddress(key) {
      const rows = await projects().innerJoin('project_addresses as a', 'a.project_id', 'p.id').select('a.labels').where('a.key', '=', key).execute();
      return rows.map((r) => ({ project: routed(r)!, labels: JSON.parse(r.labels) as string[] }));
    },
    async ticketByOriginalMessageId(projectId, messageId) {
      const row = await db.selectFrom('tickets').select('id').where('project_id', '=', projectId).where('message_id', '=', messageId).executeTakeFirst();
      return row?.id;
    },
  };
}
