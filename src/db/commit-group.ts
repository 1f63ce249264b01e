// Group commit: writers that each need a durable commit at about the same moment share one. While one
// group's commit is being flushed, the next gathers whoever arrives meanwhile, so a burst of mail pays
// for one flush per group instead of one per mail, and a lone mail is not kept waiting for company.
// Each writer's promise settles only after the commit that holds its write.
import type { Database, TransactionScope } from './database.ts';

/** At most this many writes share one commit (bounds a transaction's size and the wait of the first). */
const MAX_GROUP = 64;

/**
 * The durable writes of one database, of whatever kind: a received mail and a delivery marked `sending` may
 * share a flush. Kinds kept apart would each pay their own: on SQLite a commit at FULL blocks the process
 * for the whole fsync (better-sqlite3 is synchronous), the largest cost of a mail's way through Postdesk.
 */
const queuesOf = new WeakMap<Database, DurableQueue>();

interface Waiting {
  write: (scope: TransactionScope) => Promise<unknown>;
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
}

class DurableQueue {
  private readonly waiting: Waiting[] = [];
  private flushing = false;

  constructor(private readonly database: Database) {}

  add(entry: Waiting): void {
    this.waiting.push(entry);
    if (!this.flushing) void this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      // One turn of the event loop first: the writers whose I/O completed in this turn (the ends of several
      // DATA commands, several signed deliveries) join this commit instead of each paying a flush of its
      // own. On SQLite nothing else could join: its statements never yield to I/O, so a flush started at
      // once would always hold one write. The turn costs a lone writer microseconds.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          const results = await this.database.transaction(
            async (scope) => {
              const out: unknown[] = [];
              for (const { write } of group) out.push(await write(scope));
              return out;
            },
            { durable: true },
          );
          for (const [i, writer] of group.entries()) writer.resolve(results[i] as never);
        } catch (error) {
          if (group.length === 1) group[0]!.reject(error);
          // One bad write must not fail the others: each goes again alone, and fails alone if it must.
          else
            for (const writer of group)
              await this.database
                .transaction((scope) => writer.write(scope), { durable: true })
                .then((result) => writer.resolve(result as never), writer.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

export class CommitGroup<Item, Result> {
  /**
   * A group of `database` for writes made with `write`. Every shared group of a database commits through the
   * same queue, so writes of different kinds share flushes too.
   */
  static shared<Item, Result>(database: Database, write: (scope: TransactionScope, item: Item) => Promise<Result>): CommitGroup<Item, Result> {
    let queue = queuesOf.get(database);
    if (!queue) {
      queue = new DurableQueue(database);
      queuesOf.set(database, queue);
    }
    return new CommitGroup(database, write, queue);
  }

  private readonly queue: DurableQueue;

  constructor(
    database: Database,
    private readonly write: (scope: TransactionScope, item: Item) => Promise<Result>,
    queue?: DurableQueue,
  ) {
    this.queue = queue ?? new DurableQueue(database);
  }

  /** Writes `item` in the next durable commit; resolves once that commit is on disk. */
  add(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => this.queue.add({ write: (scope) => this.write(scope, item), resolve, reject }));
  }
}
