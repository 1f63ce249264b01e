// The one place the tickets list's `search` becomes SQL, over `ticket_search` and `note_search` (kept by
// triggers, migration 007): SQLite FTS5 tables, or PostgreSQL tables of tsvectors with GIN indexes.
//
// Words are split on whitespace into terms; a ticket matches when every term appears in its title and
// description or in one of its notes that the viewer may read (a term of several words joined by
// punctuation, such as `error-42` or an address, is a phrase). The last word also matches as a prefix
// ("prin" finds "printer"). `#123` and `123` also find ticket 123. Below reporter only the `visible`
// text is searched (no customer addresses, search-text.ts) and internal notes are not searched at all;
// confidential tickets are the caller's filter, as for the list.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Dialect } from './connect.ts';

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
 * - `from_matches`: look each match up in `tickets` by id, then sort: cheap while matches are few;
 * - `walk_tickets`: walk a `tickets` index in the list's order and probe each entry against the match set,
 *   built once as a hash (PostgreSQL) or an ephemeral index with a Bloom filter (SQLite): a first page then
 *   reads a few hundred index entries and a count reads index entries only, however many tickets match.
 * Both find the same tickets; only the cost differs.
 */
export type SearchPlan = 'from_matches' | 'walk_tickets';

/** A condition on `tickets` for `where(…)`: the tickets this search finds for a viewer with `scope`. */
export function ticketSearchCondition(dialect: Dialect, text: string, scope: SearchScope, plan: SearchPlan = 'from_matches'): Expression<SqlBool> {
  const { iid, terms } = parseSearch(text);
  if (terms.length === 0) return iid === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`tickets.iid = ${iid}`;
  const walk = plan === 'walk_tickets';
  const conditions = terms.map((words, i) => {
    const prefix = i === terms.length - 1 && words.at(-1)!.length >= MIN_PREFIX;
    return dialect === 'postgres' ? postgresTerm(words, prefix, scope, walk) : sqliteTerm(words, prefix, scope, walk);
  });
  const all = sql.join(conditions, sql` and `);
  return iid === null ? sql<SqlBool>`(${all})` : sql<SqlBool>`(tickets.iid = ${iid} or (${all}))`;
}

/**
 * A query giving, per term, how many tickets and notes of the whole instance it matches, counting no further
 * than `enough`: the smallest bounds the search's matches from above (search-plan.ts), at most `enough`
 * index entries read per term and no row of `tickets`.
 */
export function searchMatchesUpTo(dialect: Dialect, text: string, scope: SearchScope, enough: number) {
  const { terms } = parseSearch(text);
  const counts = terms.map((words, i) => {
    const prefix = i === terms.length - 1 && words.at(-1)!.length >= MIN_PREFIX;
    const found = dialect === 'postgres' ? postgresMatches(words, prefix, scope) : sqliteMatches(words, prefix, scope);
    return sql`(select count(*) from (${found} limit ${enough}) as found) as ${sql.raw(`term${i}`)}`;
  });
  return sql<Record<string, number | string>>`select ${counts.length > 0 ? sql.join(counts, sql`, `) : sql`0 as none`}`;
}

function sqliteMatches(words: string[], prefix: boolean, scope: SearchScope) {
  const match = sqliteMatch(words, prefix, scope);
  return sql`select rowid from ticket_search where ticket_search match ${match}
    union all select rowid from note_search where note_search match ${match}`;
}

function postgresMatches(words: string[], prefix: boolean, scope: SearchScope) {
  const match = postgresMatch(words, prefix, scope);
  return sql`select ticket_id from ticket_search where ${match} union all select ticket_id from note_search where ${match}`;
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

function sqliteTerm(words: string[], prefix: boolean, scope: SearchScope, walk: boolean) {
  const match = sqliteMatch(words, prefix, scope);
  const readableNotes = scope.seesInternalNotes ? sql`` : sql` and notes.internal = 0`;
  // A unary `+` keeps SQLite from using the id to look tickets up, so it walks an index and probes the set.
  const id = walk ? sql`+tickets.id` : sql`tickets.id`;
  return sql<SqlBool>`${id} in (
    select ticket_search.rowid from ticket_search where ticket_search match ${match}
    union all
    select notes.ticket_id from note_search join notes on notes.id = note_search.rowid
    where note_search match ${match}${readableNotes})`;
}

function postgresTerm(words: string[], prefix: boolean, scope: SearchScope, walk: boolean) {
  const match = postgresMatch(words, prefix, scope);
  const readableNotes = scope.seesInternalNotes ? sql`` : sql` and internal = 0`;
  const matches = sql<SqlBool>`tickets.id in (
    select ticket_id from ticket_search where ${match}
    union all
    select ticket_id from note_search where ${match}${readableNotes})`;
  // PostgreSQL turns a plain `in (…)` into a join planned from its guess of the matches (often "200"); inside
  // an `or` it stays a hashed subplan, a filter on whichever index walk the order asks for. Ids are never < 0.
  return walk ? sql<SqlBool>`(${matches} or tickets.id < 0)` : matches;
}
