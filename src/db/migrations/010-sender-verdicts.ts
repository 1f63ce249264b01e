// Who sent it (issue 8), on inbound_messages:
// - client_ip, client_helo: the SMTP session's facts, kept at acceptance because SPF is checked later, in
//   the ingest job, when the connection is gone (MAIL FROM is envelope_from already). Null for other channels.
// - authentication: the DKIM / SPF / DMARC verdict (JSON, domain/mail-authentication.ts), written with the
//   message's outcome; tickets and notes show the verdict of the mail they came from.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';

const COLUMNS = ['client_ip', 'client_helo', 'authentication'];

export function senderVerdicts(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const column of COLUMNS) await db.schema.alterTable('inbound_messages').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<any>) {
      for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('inbound_messages').dropColumn(column).execute();
    },
  };
}
