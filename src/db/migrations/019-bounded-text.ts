// Bounded text (issue 10): descriptions and notes stored before a mail's text was capped are cut as new
// ones are, so no view reads megabytes of them (on SQLite even the list's `substr` reads a whole value).
// Each whole text is kept as a `full-text.txt` file of its ticket or note, as for new mail; its link is not
// added to the text (a migration does not know PUBLIC_URL), the file shows among the attachments. The limit
// and notice are written out as they were when this landed: a migration never changes with later code.
// SQL counts code points, so a text beyond the Basic Multilingual Plane may keep a little more than
// 1,000,000 UTF-16 units: bounded all the same.
import { type Kysely, type Migration, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../connect.ts';

const LIMIT = 1_000_000;
const NOTICE = '\n\n*[This text was cut at 1,000,000 characters: the whole text is attached as full-text.txt.]*';

export function boundedText(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const now = new Date().toISOString();
      await boundColumn(db, dialect, now, { table: 'tickets', column: 'description', ticketId: sql.ref('id'), noteId: sql`null` });
      await boundColumn(db, dialect, now, { table: 'notes', column: 'body', ticketId: sql.ref('ticket_id'), noteId: sql.ref('id') });
    },
    async down() {
      // Nothing to undo: the whole texts stay, as files.
    },
  };
}

async function boundColumn(
  db: Kysely<any>,
  dialect: Dialect,
  now: string,
  target: { table: string; column: string; ticketId: RawBuilder<unknown>; noteId: RawBuilder<unknown> },
) {
  const text = sql.ref(target.column);
  const table = sql.table(target.table);
  // octet_length reads no text on either database: only the few long ones are measured in characters.
  const tooLong = sql`octet_length(${text}) > ${sql.lit(LIMIT)} and length(${text}) > ${sql.lit(LIMIT)}`;
  const bytes = dialect === 'postgres' ? sql`convert_to(${text}, 'UTF8')` : sql`cast(${text} as blob)`;
  await sql`
    insert into attachments (ticket_id, note_id, filename, content_type, size, content, created_at)
    select ${target.ticketId}, ${target.noteId}, 'full-text.txt', 'text/plain; charset=utf-8', octet_length(${text}), ${bytes}, ${now}
    from ${table} where ${tooLong}`.execute(db);
  await sql`update ${table} set ${text} = substr(${text}, 1, ${sql.lit(LIMIT - NOTICE.length)}) || cast(${NOTICE} as text) where ${tooLong}`.execute(db);
}
