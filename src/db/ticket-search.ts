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

/** A condition on `tickets` for `where(…)`: the tickets this search finds for a viewer with `scope`. */
export function ticketSearchCondition(dialect: Dialect, text: string, scope: SearchScope): Expression<SqlBool> {
  const { iid, terms } = parseSearch(text);
  if (terms.length === 0) return iid === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`tickets.iid = ${iid}`;
  const conditions = terms.map((words, i) => {
    const prefix = i === terms.length - 1 && words.at(-1)!.length >= MIN_PREFIX;
    return dialect === 'postgres' ? postgresTerm(words, prefix, scope) : sqliteTerm(words, prefix, scope);
  });
  const all = sql.join(conditions, sql` and `);
  return iid === null ? sql<SqlBool>`(${all})` : sql<SqlBool>`(tickets.iid = ${iid} or (${all}))`;
}

function sqliteTerm(words: string[], prefix: boolean, scope: SearchScope) {
  // Words hold no ASCII punctuation, so no `"` either: the quoted phrase is safe FTS5 syntax.
  const phrase = `"${words.join(' ')}"${prefix ? ' *' : ''}`;
  const match = scope.seesAddresses ? phrase : `{visible} : ${phrase}`;
  const readableNotes = scope.seesInternalNotes ? sql`` : sql` and notes.internal = 0`;
  return sql<SqlBool>`tickets.id in (
    select ticket_search.rowid from ticket_search where ticket_search match ${match}
    union all
    select notes.ticket_id from note_search join notes on notes.id = note_search.rowid
    where note_search match ${match}${readableNotes})`;
}

function postgresTerm(words: string[], prefix: boolean, scope: SearchScope) {
  // Each word quoted as one lexeme, joined as a phrase; no word contains `'` (ASCII punctuation is gone).
  const query = words.map((w, i) => `'${w.toLowerCase()}'${prefix && i === words.length - 1 ? ':*' : ''}`).join(' <-> ');
  const q = sql`to_tsquery('simple'::regconfig, ${query})`;
  const match = scope.seesAddresses ? sql`(visible @@ ${q} or addresses @@ ${q})` : sql`visible @@ ${q}`;
  const readableNotes = scope.seesInternalNotes ? sql`` : sql` and internal = 0`;
  return sql<SqlBool>`tickets.id in (
    select ticket_id from ticket_search where ${match}
    union all
    select ticket_id from note_search where ${match}${readableNotes})`;
}
