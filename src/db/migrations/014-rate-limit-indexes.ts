// Flood limits (issue 9) count recent mail per address, compared case-insensitively: customer replies per
// sender (RATE_LIMIT_REPLIES_PER_SENDER_HOUR, over inbound_messages) and automatic mails per recipient
// (RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR, over outbound_messages). Each count is a range of one index on
// the lower-cased address and the time, so it costs the same however much mail the instance holds.
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../connect.ts';

export function rateLimitIndexes(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`create index inbound_messages_sender_time on inbound_messages (lower(from_address), received_at)`.execute(db);
      await sql`create index outbound_messages_recipient_time on outbound_messages (lower(to_address), created_at)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await sql`drop index outbound_messages_recipient_time`.execute(db);
      await sql`drop index inbound_messages_sender_time`.execute(db);
    },
  };
}
