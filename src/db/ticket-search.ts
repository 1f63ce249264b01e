// The one place the tickets list's `search` becomes SQL, over `ticket_search` and `note_search` (kept by
// triggers, migration 007): SQLite FTS5 tables, or PostgreSQL tables of tsvectors with GIN indexes.
//
// Words are split on whitespace into terms; a ticket matches when every term appears in its title and
// description or in one of its notes that the viewer may read (a term of several words joined by
// punctuation, such as `error-42` or an address, is a phrase). The last word also matches as a prefix
// ("prin" finds "printer"). `#123` and `123` also find ticket 123. Below reporter only the `visible`
// text is searched (no customer addresses, search-text.ts) and internal notes are not searched at all;
// confidential tickets are the caller's filter, as for the list.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Dialect } from './connect.ts';
import type { DB } from './schema/index.ts';

export interface SearchScope {
  /** Reporter and up: customer addresses are searchable too. */
  seesAddresses: boolean;
  /** Reporter and up: internal notes are searchable too. */
  seesInternalNotes: boolean;
}

export interface ParsedSearch {
  /** `#123` or `123`: also the ticket with that number. */
  iid: number | null;
  /** Each term's words, in order; the last word of the last term matches as a prefix. */
  terms: string[][];
}

/** More terms than this are ignored: each is one index lookup. */
const MAX_TERMS = 8;
/** Shorter last words match exactly: a one-letter prefix would walk half the index. */
const MIN_PREFIX = 2;

/** ASCII punctuation separates words, as FTS5's unicode61 tokenizer and postdesk_search_visible() do. */
const WORD_SEPARATORS = /[!-/:-@[-`{-~]+/;

export function parseSearch(text: string): ParsedSearch {
  const trimmed = text.trim();
  const iid = /^#?(\d{1,9})$/.exec(trimmed);
  const terms = trimmed
    .split(/\s+/)
    .map((term) => term.split(WORD_SEPARATORS).filter((word) => /[\p{L}\p{N}]/u.test(word)))
    .filter((words) => words.length > 0)
    .slice(0, MAX_TERMS);
  return { iid: iid ? Number(iid[1]) : null, terms };
}

/**
 * How the database should join a search with `tickets` (search-plan.ts chooses):
 * - look up: the matches of one term, the `driver` (the rarest), are looked up in `tickets` by id, then
 *   sorted; every other term is only tested on those tickets: cheap while the driver's matches are few;
 * - walk: walk a `tickets` index in the list's order and test each entry against every term, so a first
 *   page reads a few hundred entries and a count stops at its limit, however many tickets match.
 * A term is tested against its match set, built once (SQLite: an ephemeral index with a Bloom filter, since
 * FTS5 re-reads a term's whole doclist for every `rowid =` probe), or (PostgreSQL) on the ticket's own row
 * of `ticket_search` and its notes', by primary key: building the set of a common word means fetching every
 * matching row of the table, where a first page needs a few hundred probes.
 * Every plan finds the same tickets; only the cost differs.
 */
export interface SearchPlan {
  walk: boolean;
  /** Which term's matches a look-up starts from. */
  driver: number;
}

export const LOOK_UP_MATCHES: SearchPlan = { walk: false, driver: 0 };
export const WALK_TICKETS: SearchPlan = { walk: true, driver: 0 };

/** A condition on `tickets` for `where(…)`: the tickets this search finds for a viewer with `scope`. */
export function ticketSearchCondition(dialect: Dialect, text: string, scope: SearchScope, plan: SearchPlan = LOOK_UP_MATCHES): Expression<SqlBool> {
  const { iid, terms } = parseSearch(text);
  if (terms.length === 0) return iid === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`tickets.iid = ${iid}`;
  const conditions = withPrefix(terms).map(({ words, prefix }, i) => {
    const lookUp = !plan.walk && i === Math.min(plan.driver, terms.length - 1);
    return dialect === 'postgres' ? postgresTerm(words, prefix, scope, lookUp) : sqliteTerm(words, prefix, scope, lookUp);
  });
  const all = sql.join(conditions, sql` and `);
  return iid === null ? sql<SqlBool>`(${all})` : sql<SqlBool>`(tickets.iid = ${iid} or (${all}))`;
}

/**
 * SQLite: a query giving, per term, how many tickets and notes of the whole instance it matches, counting no
 * further than `enough`: the smallest bounds the search's matches from above (search-plan.ts), at most
 * `enough` doclist entries read per term and no row of `tickets`.
 */
export function searchMatchesUpTo(text: string, scope: SearchScope, enough: number) {
  const counts = withPrefix(parseSearch(text).terms).map(({ words, prefix }, i) => {
    return sql`(select count(*) from (${sqliteMatches(words, prefix, scope)} limit ${enough}) as found) as ${sql.raw(`term${i}`)}`;
  });
  return sql<Record<string, number | string>>`select ${counts.length > 0 ? sql.join(counts, sql`, `) : sql`0 as none`}`;
}

/**
 * PostgreSQL: per term, an estimate of its matches over the whole instance from the statistics ANALYZE keeps
 * of the tsvectors: the frequencies of their most common lexemes (1,000 at the default statistics target).
 * Counting as SQLite does would cost what it measures: a GIN index yields only row addresses, so each match
 * is a fetch from the table, and gathering a common word's prefix alone takes some 100 ms. A word that is
 * not among the most common counts as rare, which is safe: looking up a rare word's matches is cheap, where
 * walking for one that turns out rare would read the whole list. (The planner's own estimate for such a
 * word is a floor of some 2,000 rows, whatever its real count.)
 */
export async function postgresMatchEstimates(db: Kysely<DB>, text: string): Promise<number[]> {
  const terms = withPrefix(parseSearch(text).terms);
  const perTerm = terms.map(({ words, prefix }) => words.map((w, i) => `${w.toLowerCase()}${prefix && i === words.length - 1 ? '%' : ''}`));
  const patterns = perTerm.flat();
  if (patterns.length === 0) return [];
  const { rows } = await sql<{ table: string; lexeme: string; freq: number; reltuples: number }>`
    select s.tablename as table, e.lexeme, e.freq, c.reltuples
    from pg_stats s
    cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(lexeme, freq)
    join pg_class c on c.relname = s.tablename and c.relnamespace = to_regnamespace(s.schemaname)
    where s.schemaname = current_schema() and s.tablename in ('ticket_search', 'note_search') and s.attname = 'visible'
      and e.lexeme like any(${patterns})`.execute(db);
  const rowsMatching = (pattern: string, table: string) =>
    rows
      .filter((r) => r.table === table && (pattern.endsWith('%') ? r.lexeme.startsWith(pattern.slice(0, -1)) : r.lexeme === pattern))
      .reduce((sum, r) => sum + Number(r.freq) * Math.max(0, Number(r.reltuples)), 0);
  // A phrase matches no more often than its rarest word.
  return perTerm.map((own) => Math.min(...own.map((p) => rowsMatching(p, 'ticket_search') + rowsMatching(p, 'note_search'))));
}

/** The last word of the last term also matches as a prefix, when long enough. */
function withPrefix(terms: string[][]) {
  return terms.map((words, i) => ({ words, prefix: i === terms.length - 1 && words.at(-1)!.length >= MIN_PREFIX }));
}

function sqliteMatches(words: string[], prefix: boolean, scope: SearchScope) {
  const match = sqliteMatch(words, prefix, scope);
  return sql`select rowid from ticket_search where ticket_search match ${match}
    union all select rowid from note_search where note_search match ${match}`;
}

function sqliteMatch(words: string[], prefix: boolean, scope: SearchScope) {
  // Words hold no ASCII punctuation, so no `"` either: the quoted phrase is safe FTS5 syntax.
  const phrase = `"${words.join(' ')}"${prefix ? ' *' : ''}`;
  return scope.seesAddresses ? phrase : `{visible} : ${phrase}`;
}

function postgresMatch(words: string[], prefix: boolean, scope: SearchScope) {
  // Each word quoted as one lexeme, joined as a phrase; no word contains `'` (ASCII punctuation is gone).
  const query = words.map((w, i) => `'${w.toLowerCase()}'${prefix && i === words.length - 1 ? ':*' : ''}`).join(' <-> ');
  const q = sql`to_tsquery('simple'::regconfig, ${query})`;
  return scope.seesAddresses ? sql`(visible @@ ${q} or addresses @@ ${q})` : sql`visible @@ ${q}`;
}

function sqliteTerm(words: string[], prefix: boolean, scope: SearchScope, lookUp: boolean) {
  const match = sqliteMatch(words, prefix, scope);
  const readableNotes = scope.seesInternalNotes ? sql`` : sql` and notes.internal = 0`;
  // A unary `+` keeps SQLite from looking tickets up by these ids: the set is only probed.
  const id = lookUp ? sql`tickets.id` : sql`+tickets.id`;
  return sql<SqlBool>`${id} in (
    select ticket_search.rowid from ticket_search where ticket_search match ${match}
    union all
    select notes.ticket_id from note_search join notes on notes.id = note_search.rowid
    where note_search match ${match}${readableNotes})`;
}

function postgresTerm(words: string[], prefix: boolean, scope: SearchScope, lookUp: boolean) {
  const match = postgresMatch(words, prefix, scope);
  const readableNotes = scope.seesInternalNotes ? sql`` : sql` and internal = 0`;
  if (lookUp) {
    return sql<SqlBool>`tickets.id in (
      select ticket_id from ticket_search where ${match}
      union all
      select ticket_id from note_search where ${match}${readableNotes})`;
  }
  // Scalar subqueries, where `exists` would be planned as a hashed set of every match: a probe by key per ticket.
  return sql<SqlBool>`coalesce((select ${match} from ticket_search where ticket_search.ticket_id = tickets.id)
    or (select bool_or(${match}) from note_search where note_search.ticket_id = tickets.id${readableNotes}), false)`;
}
