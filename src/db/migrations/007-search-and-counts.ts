// Issue 7: the queue at 10^6 tickets. Three things the database keeps in step by itself, with triggers, so
// that no path that writes a ticket or a note (mail, API, quick actions, conversion, delivery failures,
// and whatever comes next) can forget them, and each changes in the transaction of the write:
// - `ticket_counts`: tickets per (project, state, confidential), for X-Total and ticket_counts without count(*);
// - full-text search over titles, descriptions and notes: `ticket_search` and `note_search`, SQLite FTS5
//   tables or PostgreSQL tables of tsvectors with GIN indexes (stored, so a prefix query's recheck reads
//   the vector instead of recomputing it), the text split by search-text.ts so the mask below reporter
//   holds for search too;
// - `tickets.last_activity_at`: the time of the last change, note or mail, for unread state and ordering.
// `ticket_reads` remembers when each user last read each ticket.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { INDEXED_CHARS } from '../search-text.ts';
import { notNull, refType } from './columns.ts';

/** The address pattern as this migration landed; migration 013 replaced it with the mask's wider one. */
const ADDRESS_IN_TEXT_POSTGRES = `[^[:space:]<>()"',;:]+@[^[:space:]<>()"',;:]+\\.[A-Za-z]{2,}`;

export function searchAndCounts(dialect: Dialect): Migration {
  const ref = refType(dialect);
  return {
    async up(db: Kysely<any>) {
      // No foreign key to projects: the rows of a project being deleted are removed by its tickets' triggers.
      await db.schema
        .createTable('ticket_counts')
        .addColumn('project_id', ref, notNull)
        .addColumn('state', 'text', notNull)
        .addColumn('confidential', 'integer', notNull)
        .addColumn('n', 'integer', notNull)
        .addPrimaryKeyConstraint('ticket_counts_pk', ['project_id', 'state', 'confidential'])
        .execute();
      await sql`insert into ticket_counts (project_id, state, confidential, n)
        select project_id, state, confidential, count(*) from tickets group by project_id, state, confidential`.execute(db);

      await db.schema
        .createTable('ticket_reads')
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('read_at', 'text', notNull)
        .addPrimaryKeyConstraint('ticket_reads_pk', ['user_id', 'ticket_id'])
        .execute();
      await db.schema.createIndex('ticket_reads_ticket').on('ticket_reads').column('ticket_id').execute();

      await db.schema.alterTable('tickets').addColumn('last_activity_at', 'text').execute();
      const greatest = dialect === 'postgres' ? 'greatest' : 'max';
      await sql`update tickets set last_activity_at = ${sql.raw(greatest)}(updated_at,
        coalesce((select max(created_at) from notes where notes.ticket_id = tickets.id), ''))`.execute(db);

      if (dialect === 'postgres') await postgresUp(db);
      else await sqliteUp(db);

      // The queue: newest first (the existing project_state_created index), by last activity or update,
      // with or without a state; the customer's tickets (external_author=, and the flood limit).
      await db.schema.createIndex('tickets_project_state_activity').on('tickets').columns(['project_id', 'state', 'last_activity_at', 'id']).execute();
      await db.schema.createIndex('tickets_project_activity').on('tickets').columns(['project_id', 'last_activity_at', 'id']).execute();
      await db.schema.createIndex('tickets_project_state_updated').on('tickets').columns(['project_id', 'state', 'updated_at', 'id']).execute();
      await db.schema.createIndex('tickets_project_created').on('tickets').columns(['project_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('tickets_project_external_author').on('tickets').expression(sql`project_id, lower(external_author)`).execute();
      // A ticket's notes with their files (noteDetails asks by note id).
      await db.schema.createIndex('attachments_note').on('attachments').column('note_id').execute();
      // A guest's own confidential tickets, counted beside the counters.
      await db.schema.createIndex('tickets_author_project').on('tickets').columns(['author_id', 'project_id']).execute();
    },
    async down(db: Kysely<any>) {
      if (dialect === 'postgres') await postgresDown(db);
      else await sqliteDown(db);
      for (const index of [
        'tickets_project_state_activity',
        'tickets_project_activity',
        'tickets_project_state_updated',
        'tickets_project_created',
        'tickets_project_external_author',
        'tickets_author_project',
        'attachments_note',
      ]) {
        await db.schema.dropIndex(index).execute();
      }
      await db.schema.alterTable('tickets').dropColumn('last_activity_at').execute();
      await db.schema.dropTable('ticket_reads').execute();
      await db.schema.dropTable('ticket_counts').execute();
    },
  };
}

const SQLITE_TICKET_TEXT = (row: 'new' | 'old') => ({
  visible: `postdesk_search_visible(${row}.title || ' ' || ${row}.description)`,
  addresses: `postdesk_search_addresses(${row}.title || ' ' || ${row}.description || ' ' || coalesce(${row}.external_author, ''))`,
});

/** SQLite: per-row triggers; postdesk_search_* are JavaScript functions registered by connect.ts. */
async function sqliteUp(db: Kysely<any>) {
  const run = (statement: string) => sql.raw(statement).execute(db);
  // Contentless: the index only, the text stays in tickets and notes. rowid = ticket id / note id.
  await run(`create virtual table ticket_search using fts5(visible, addresses, content='', contentless_delete=1)`);
  await run(`create virtual table note_search using fts5(visible, addresses, content='', contentless_delete=1)`);
  const t = SQLITE_TICKET_TEXT('new');
  await run(`insert into ticket_search (rowid, visible, addresses)
    select id, postdesk_search_visible(title || ' ' || description),
      postdesk_search_addresses(title || ' ' || description || ' ' || coalesce(external_author, '')) from tickets`);
  await run(`insert into note_search (rowid, visible, addresses)
    select id, postdesk_search_visible(body), postdesk_search_addresses(body) from notes where system = 0`);

  await run(`create trigger tickets_after_insert after insert on tickets begin
    insert into ticket_counts (project_id, state, confidential, n) values (new.project_id, new.state, new.confidential, 1)
      on conflict (project_id, state, confidential) do update set n = n + 1;
    insert into ticket_search (rowid, visible, addresses) values (new.id, ${t.visible}, ${t.addresses});
    update tickets set last_activity_at = max(new.created_at, new.updated_at)
      where id = new.id and coalesce(new.last_activity_at, '') < max(new.created_at, new.updated_at);
  end`);
  await run(`create trigger tickets_after_delete after delete on tickets begin
    update ticket_counts set n = n - 1 where project_id = old.project_id and state = old.state and confidential = old.confidential;
    delete from ticket_search where rowid = old.id;
  end`);
  await run(`create trigger tickets_after_update_counted after update of project_id, state, confidential on tickets
    when old.project_id <> new.project_id or old.state <> new.state or old.confidential <> new.confidential begin
    update ticket_counts set n = n - 1 where project_id = old.project_id and state = old.state and confidential = old.confidential;
    insert into ticket_counts (project_id, state, confidential, n) values (new.project_id, new.state, new.confidential, 1)
      on conflict (project_id, state, confidential) do update set n = n + 1;
  end`);
  await run(`create trigger tickets_after_update_text after update of title, description, external_author on tickets begin
    delete from ticket_search where rowid = old.id;
    insert into ticket_search (rowid, visible, addresses) values (new.id, ${t.visible}, ${t.addresses});
  end`);
  await run(`create trigger tickets_after_update_activity after update of updated_at on tickets
    when new.updated_at > coalesce(new.last_activity_at, '') begin
    update tickets set last_activity_at = new.updated_at where id = new.id;
  end`);
  // System notes (what changed) are not searched; every note is activity.
  await run(`create trigger notes_after_insert after insert on notes begin
    insert into note_search (rowid, visible, addresses)
      select new.id, postdesk_search_visible(new.body), postdesk_search_addresses(new.body) where new.system = 0;
    update tickets set last_activity_at = new.created_at where id = new.ticket_id and coalesce(last_activity_at, '') < new.created_at;
  end`);
  await run(`create trigger notes_after_update_body after update of body on notes begin
    delete from note_search where rowid = old.id;
    insert into note_search (rowid, visible, addresses)
      select new.id, postdesk_search_visible(new.body), postdesk_search_addresses(new.body) where new.system = 0;
  end`);
  await run(`create trigger notes_after_delete after delete on notes begin
    delete from note_search where rowid = old.id;
  end`);
}

async function sqliteDown(db: Kysely<any>) {
  for (const trigger of [
    'tickets_after_insert',
    'tickets_after_delete',
    'tickets_after_update_counted',
    'tickets_after_update_text',
    'tickets_after_update_activity',
    'notes_after_insert',
    'notes_after_update_body',
    'notes_after_delete',
  ]) {
    await sql.raw(`drop trigger ${trigger}`).execute(db);
  }
  await sql`drop table note_search`.execute(db);
  await sql`drop table ticket_search`.execute(db);
}

/** ASCII punctuation becomes a space, as FTS5's unicode61 tokenizer splits words (and ticket-search.ts splits queries). */
export const ASCII_PUNCTUATION_POSTGRES = '[][!"#$%&\'()*+,./:;<=>?@\\\\^_`{|}~-]+';

export const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function postgresUp(db: Kysely<any>) {
  const run = (statement: string) => sql.raw(statement).execute(db);
  // They match search-text.ts.
  await run(`create function postdesk_search_visible(t text) returns text language sql immutable parallel safe as $$
    select regexp_replace(regexp_replace(left(coalesce(t, ''), ${INDEXED_CHARS}), ${quote(ADDRESS_IN_TEXT_POSTGRES)}, ' ', 'g'),
      ${quote(ASCII_PUNCTUATION_POSTGRES)}, ' ', 'g')
  $$`);
  await run(`create function postdesk_search_addresses(t text) returns text language sql immutable parallel safe as $$
    select regexp_replace(coalesce((select string_agg(m[1], ' ')
      from regexp_matches(left(coalesce(t, ''), ${INDEXED_CHARS}), ${quote(ADDRESS_IN_TEXT_POSTGRES)}, 'g') as m), ''),
      ${quote(ASCII_PUNCTUATION_POSTGRES)}, ' ', 'g')
  $$`);
  // One row per ticket and per (non-system) note, as SQLite's FTS tables; a note's row carries what the
  // search filters on (its ticket, internal) so a match needs no join.
  await run(`create table ticket_search (
    ticket_id bigint primary key references tickets (id) on delete cascade,
    visible tsvector not null, addresses tsvector not null)`);
  await run(`create table note_search (
    note_id bigint primary key references notes (id) on delete cascade,
    ticket_id bigint not null, internal integer not null, visible tsvector not null, addresses tsvector not null)`);
  const vector = (text: string, fn: 'visible' | 'addresses') => `to_tsvector('simple'::regconfig, postdesk_search_${fn}(${text}))`;
  const ticketText = (row: string) => `${row}.title || ' ' || ${row}.description`;
  const ticketAddresses = (row: string) => `${ticketText(row)} || ' ' || coalesce(${row}.external_author, '')`;
  await run(`insert into ticket_search (ticket_id, visible, addresses)
    select t.id, ${vector(ticketText('t'), 'visible')}, ${vector(ticketAddresses('t'), 'addresses')} from tickets t`);
  await run(`insert into note_search (note_id, ticket_id, internal, visible, addresses)
    select n.id, n.ticket_id, n.internal, ${vector('n.body', 'visible')}, ${vector('n.body', 'addresses')} from notes n where n.system = 0`);
  for (const table of ['ticket_search', 'note_search']) {
    for (const column of ['visible', 'addresses']) await run(`create index ${table}_${column} on ${table} using gin (${column})`);
  }
  await run(`create index note_search_ticket on note_search (ticket_id)`);
  await run(`create function postdesk_ticket_search() returns trigger language plpgsql as $$ begin
    insert into ticket_search (ticket_id, visible, addresses)
      values (new.id, ${vector(ticketText('new'), 'visible')}, ${vector(ticketAddresses('new'), 'addresses')})
      on conflict (ticket_id) do update set visible = excluded.visible, addresses = excluded.addresses;
    return null; end $$`);
  await run(`create trigger tickets_search_insert after insert on tickets for each row execute function postdesk_ticket_search()`);
  await run(`create trigger tickets_search_update after update of title, description, external_author on tickets for each row
    when (old.title is distinct from new.title or old.description is distinct from new.description
      or old.external_author is distinct from new.external_author)
    execute function postdesk_ticket_search()`);
  await run(`create function postdesk_note_search() returns trigger language plpgsql as $$ begin
    if new.system = 0 then
      insert into note_search (note_id, ticket_id, internal, visible, addresses)
        values (new.id, new.ticket_id, new.internal, ${vector('new.body', 'visible')}, ${vector('new.body', 'addresses')})
        on conflict (note_id) do update set ticket_id = excluded.ticket_id, internal = excluded.internal,
          visible = excluded.visible, addresses = excluded.addresses;
    end if;
    return null; end $$`);
  await run(`create trigger notes_search_insert after insert on notes for each row execute function postdesk_note_search()`);
  await run(`create trigger notes_search_update after update of body, internal on notes for each row execute function postdesk_note_search()`);

  // Counters: one statement-level trigger per kind of change, so a bulk insert adds its rows to each
  // counter once (a row trigger would update the same counter row n times). Rows are changed in key
  // order, so two transactions closing and reopening tickets cannot deadlock on the counters.
  // plpgsql cannot pass transition tables to helper functions: one trigger function per operation.
  const upsert = (rows: string) => `insert into ticket_counts (project_id, state, confidential, n)
      select project_id, state, confidential, sum(k) from (${rows}) as d
      group by project_id, state, confidential having sum(k) <> 0 order by project_id, state, confidential
      on conflict (project_id, state, confidential) do update set n = ticket_counts.n + excluded.n;`;
  await run(`create function postdesk_ticket_counts_insert() returns trigger language plpgsql as $$ begin
    ${upsert('select project_id, state, confidential, 1 as k from new_rows')}
    return null; end $$`);
  await run(`create function postdesk_ticket_counts_delete() returns trigger language plpgsql as $$ begin
    ${upsert('select project_id, state, confidential, -1 as k from old_rows')}
    return null; end $$`);
  const moved = `from new_rows n join old_rows o on o.id = n.id
    where (n.project_id, n.state, n.confidential) is distinct from (o.project_id, o.state, o.confidential)`;
  await run(`create function postdesk_ticket_counts_update() returns trigger language plpgsql as $$ begin
    ${upsert(`select n.project_id, n.state, n.confidential, 1 as k ${moved} union all select o.project_id, o.state, o.confidential, -1 as k ${moved}`)}
    return null; end $$`);
  await run(`create trigger tickets_counts_insert after insert on tickets referencing new table as new_rows
    for each statement execute function postdesk_ticket_counts_insert()`);
  await run(`create trigger tickets_counts_delete after delete on tickets referencing old table as old_rows
    for each statement execute function postdesk_ticket_counts_delete()`);
  await run(`create trigger tickets_counts_update after update on tickets referencing old table as old_rows new table as new_rows
    for each statement execute function postdesk_ticket_counts_update()`);

  // Last activity: never earlier than the ticket's own last change, nor than its last note.
  await run(`create function postdesk_ticket_activity() returns trigger language plpgsql as $$ begin
    new.last_activity_at := greatest(new.last_activity_at, new.created_at, new.updated_at);
    return new; end $$`);
  await run(`create trigger tickets_activity before insert or update on tickets
    for each row execute function postdesk_ticket_activity()`);
  await run(`create function postdesk_note_activity() returns trigger language plpgsql as $$ begin
    update tickets set last_activity_at = new.created_at where id = new.ticket_id and last_activity_at < new.created_at;
    return null; end $$`);
  await run(`create trigger notes_activity after insert on notes for each row execute function postdesk_note_activity()`);
}

async function postgresDown(db: Kysely<any>) {
  const run = (statement: string) => sql.raw(statement).execute(db);
  await run('drop trigger notes_activity on notes');
  await run('drop trigger tickets_activity on tickets');
  for (const op of ['insert', 'delete', 'update']) await run(`drop trigger tickets_counts_${op} on tickets`);
  await run('drop trigger notes_search_insert on notes');
  await run('drop trigger notes_search_update on notes');
  await run('drop trigger tickets_search_insert on tickets');
  await run('drop trigger tickets_search_update on tickets');
  for (const fn of [
    'note_activity',
    'ticket_activity',
    'ticket_counts_insert',
    'ticket_counts_delete',
    'ticket_counts_update',
    'ticket_search',
    'note_search',
  ]) {
    await run(`drop function postdesk_${fn}()`);
  }
  await run('drop table note_search');
  await run('drop table ticket_search');
  await run('drop function postdesk_search_visible(text)');
  await run('drop function postdesk_search_addresses(text)');
}
