// Bounces come home (issue 9): a participant whose mail bounced is `bouncing` on that ticket — mailed
// nothing more there until an agent clears it — and a bounce that lost its VERP address is matched to
// the mail it answers by that mail's Message-ID.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';

export function bounces(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('participants').addColumn('bouncing_since', 'text').execute();
      await db.schema.alterTable('participants').addColumn('bounce_reason', 'text').execute();
      await db.schema.createIndex('outbound_messages_message_id').on('outbound_messages').column('message_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('outbound_messages_message_id').execute();
      await db.schema.alterTable('participants').dropColumn('bounce_reason').execute();
      await db.schema.alterTable('participants').dropColumn('bouncing_since').execute();
    },
  };
}
