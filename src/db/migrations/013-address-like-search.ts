// Issue 9: the mask below reporter (SD-86) catches every address-like run now — internationalised
// domains, IP hosts, hosts without a dot, quoted local parts (domain/obfuscate-email.ts) — and search
// must hide exactly what the mask hides, so `visible` may no longer hold `bob@example.рф` or
// `carl@10.0.0.1`. A text cut at INDEXED_CHARS also loses its cut last word (an address's local part
// without its `@`). SQLite's split is JavaScript (search-text.ts, registered by connect.ts), so there only
// the rows need redoing; PostgreSQL's SQL functions get the new pattern first. Every row of
// ticket_search and note_search is rebuilt: one pass over the tickets and notes.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { ADDRESS_IN_TEXT_SOURCE, CUT_WORD_SOURCE, INDEXED_CHARS } from '../search-text.ts';
import { ASCII_PUNCTUATION_POSTGRES, quote } from './007-search-and-counts.ts';

/** Migration 007's pattern, for going back down. */
const ADDRESS_007 = `[^[:space:]<>()"',;:]+@[^[:space:]<>()"',;:]+\\.[A-Za-z]{2,}`;

export function addressLikeSearch(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') {
        await postgresFunctions(
          db,
          ADDRESS_IN_TEXT_SOURCE,
          `case when length(coalesce(t, '')) <= ${INDEXED_CHARS} then coalesce(t, '')
          else regexp_replace(left(t, ${INDEXED_CHARS}), ${quote(CUT_WORD_SOURCE)}, '') end`,
        );
      }
      await rebuildSearch(db, dialect);
    },
    async down(db: Kysely<any>) {
      // SQLite's split is whatever search-text.ts says today: nothing to restore.
      if (dialect !== 'postgres') return;
      await postgresFunctions(db, ADDRESS_007, `left(coalesce(t, ''), ${INDEXED_CHARS})`);
      await rebuildSearch(db, dialect);
    },
  };
}

async function postgresFunctions(db: Kysely<any>, address: string, indexed: string) {
  const run = (statement: string) => sql.raw(statement).execute(db);
  await run(`create or replace function postdesk_search_visible(t text) returns text language sql immutable parallel safe as $$
    select regexp_replace(regexp_replace(${indexed}, ${quote(address)}, ' ', 'g'), ${quote(ASCII_PUNCTUATION_POSTGRES)}, ' ', 'g')
  $$`);
  await run(`create or replace function postdesk_search_addresses(t text) returns text language sql immutable parallel safe as $$
    select regexp_replace(coalesce((select string_agg(m[1], ' ') from regexp_matches(${indexed}, ${quote(address)}, 'g') as m), ''),
      ${quote(ASCII_PUNCTUATION_POSTGRES)}, ' ', 'g')
  $$`);
}

/** Every row again, through the functions the triggers use (007 defines the texts the same way). */
async function rebuildSearch(db: Kysely<any>, dialect: Dialect) {
  const run = (statement: string) => sql.raw(statement).execute(db);
  const ticketText = `t.title || ' ' || t.description`;
  const ticketAddresses = `${ticketText} || ' ' || coalesce(t.external_author, '')`;
  if (dialect === 'postgres') {
    const vector = (text: string, fn: 'visible' | 'addresses') => `to_tsvector('simple'::regconfig, postdesk_search_${fn}(${text}))`;
    await run(`update ticket_search s set visible = ${vector(ticketText, 'visible')}, addresses = ${vector(ticketAddresses, 'addresses')}
      from tickets t where t.id = s.ticket_id`);
    await run(`update note_search s set visible = ${vector('n.body', 'visible')}, addresses = ${vector('n.body', 'addresses')}
      from notes n where n.id = s.note_id`);
    return;
  }
  // Contentless FTS5 tables cannot be updated in place: emptied ('delete-all') and filled again.
  await run(`insert into ticket_search (ticket_search) values ('delete-all')`);
  await run(`insert into ticket_search (rowid, visible, addresses)
    select t.id, postdesk_search_visible(${ticketText}), postdesk_search_addresses(${ticketAddresses}) from tickets t`);
  await run(`insert into note_search (note_search) values ('delete-all')`);
  await run(`insert into note_search (rowid, visible, addresses)
    select n.id, postdesk_search_visible(n.body), postdesk_search_addresses(n.body) from notes n where n.system = 0`);
}
