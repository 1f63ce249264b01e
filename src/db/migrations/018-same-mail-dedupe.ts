// Duplicates, exactly (issue 10): a mail is a duplicate when its bytes were processed before, or when the same
// Message-ID with the same content reached the same project (app/inbound/claim-message.ts). The keys written
// before, `message-id:<project>:<Message-ID>`, made any mail reusing a Message-ID a "duplicate", and they cannot
// be rewritten here: the content hash needs the stored message parsed, which is mail/'s work, not a migration's.
// They are dropped. A mail processed before the upgrade whose copy now arrives with the very same bytes is
// still caught by its `sha256:` key; only a copy that gathered other transit headers would be taken again.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';

export function sameMailDedupe(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.deleteFrom('inbound_dedupe').where('key', 'like', 'message-id:%').execute();
    },
    async down(db: Kysely<any>) {
      await db.deleteFrom('inbound_dedupe').where('key', 'like', 'mail:%').execute();
      // The old keys again, from what processing recorded; the first mail of a reused Message-ID keeps it.
      await sql`
        insert into inbound_dedupe (key, inbound_message_id)
        select 'message-id:' || project_id || ':' || message_id, min(id) from inbound_messages
        where state = 'processed' and project_id is not null and message_id is not null
        group by project_id, message_id
        on conflict do nothing`.execute(db);
    },
  };
}
