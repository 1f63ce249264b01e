// The migration registry: explicit and ordered, one set for both dialects. Append, never edit a landed one.
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Dialect } from '../connect.ts';
import { foundation } from './001-foundation.ts';
import { mailLoop } from './002-mail-loop.ts';
import { templates } from './003-templates.ts';
import { projectAddresses } from './004-project-addresses.ts';
import { teamNotifications } from './005-team-notifications.ts';
import { sessions } from './006-sessions.ts';
import { searchAndCounts } from './007-search-and-counts.ts';
import { agentUploads } from './008-agent-uploads.ts';
import { imapMailboxes } from './009-imap-mailboxes.ts';
import { senderVerdicts } from './010-sender-verdicts.ts';
import { customEmail } from './011-custom-email.ts';
import { oauth2Grants } from './012-oauth2-grants.ts';
import { addressLikeSearch } from './013-address-like-search.ts';
import { rateLimitIndexes } from './014-rate-limit-indexes.ts';
import { customEmailOAuth2 } from './015-custom-email-oauth2.ts';
import { blockedSenders } from './016-blocked-senders.ts';
import { bounces } from './017-bounces.ts';
import { sameMailDedupe } from './018-same-mail-dedupe.ts';
import { boundedText } from './019-bounded-text.ts';
import { bytesInPieces } from './020-bytes-in-pieces.ts';

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '001-foundation': foundation(dialect),
    '002-mail-loop': mailLoop(dialect),
    '003-templates': templates(dialect),
    '004-project-addresses': projectAddresses(dialect),
    '005-team-notifications': teamNotifications(dialect),
    '006-sessions': sessions(dialect),
    '007-search-and-counts': searchAndCounts(dialect),
    '008-agent-uploads': agentUploads(dialect),
    '009-imap-mailboxes': imapMailboxes(dialect),
    '010-sender-verdicts': senderVerdicts(dialect),
    '011-custom-email': customEmail(dialect),
    '012-oauth2-grants': oauth2Grants(dialect),
    '013-address-like-search': addressLikeSearch(dialect),
    '014-rate-limit-indexes': rateLimitIndexes(dialect),
    '015-custom-email-oauth2': customEmailOAuth2(dialect),
    '016-blocked-senders': blockedSenders(dialect),
    '017-bounces': bounces(dialect),
    '018-same-mail-dedupe': sameMailDedupe(dialect),
    '019-bounded-text': boundedText(dialect),
    '020-bytes-in-pieces': bytesInPieces(dialect),
  };
}

export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<MigrationResultSet> {
  // Names compared as plain text: they are ASCII and numbered. Kysely's default, localeCompare, maps ICU's
  // collation data into the process at every start (~3 MB resident for good, issue 10).
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrationsFor(dialect) }, nameComparator: byName });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
