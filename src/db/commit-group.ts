// Group commit: writers that each need a durable commit at about the same moment share one. While one
// group's commit is being flushed, the next gathers whoever arrives meanwhile, so a burst of mail pays
// for one flush per group instead of one per mail, and a lone mail is not kept waiting for company.
// Each writer's promise settles only after the commit that holds its write.
import type { Database, TransactionScope } from './database.ts';

/** At most this many writes share one commit (bounds a transaction's size and the wait of the first). */
const MAX_GROUP = 64;

/** The groups of each database, by the name of the kind of write they gather. */
const groupsOf = new WeakMap<Database, Map<string, CommitGroup<never, unknown>>>();

export class CommitGroup<Item, Result> {
  /** The one group of `database` for writes named `name`, made with `write` on first use, so all writers share it. */
  static shared<Item, Result>(database: Database, name: string, write: (scope: TransactionScope, item: Item) => Promise<Result>): CommitGroup<Item, Result> {
    let groups = groupsOf.get(database);
    if (!groups) {
      groups = new Map();
      groupsOf.set(database, groups);
    }
    let group = groups.get(name) as CommitGroup<Item, Result> | undefined;
    if (!group) {
      group = new CommitGroup(database, write);
      groups.set(name, group as unknown as CommitGroup<never, unknown>);
    }
    return group;
  }

  private readonly waiting: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private flushing = false;

  constructor(
    private readonly database: Database,
    private readonly write: (scope: TransactionScope, item: Item) => Promise<Result>,
  ) {}

  /** Writes `item` in the next durable commit; resolves once that commit is on disk. */
  add(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          const results = await this.database.transaction(
            async (scope) => {
              const out: Result[] = [];
              for (const { item } of group) out.push(await this.write(scope, item));
              return out;
            },
            { durable: true },
          );
          for (const [i, writer] of group.entries()) writer.resolve(results[i]!);
        } catch (error) {
          if (group.length === 1) group[0]!.reject(error);
          // One bad write must not fail the others: each goes again alone, and fails alone if it must.
          else
            for (const writer of group)
              await this.database.transaction((scope) => this.write(scope, writer.item), { durable: true }).then(writer.resolve, writer.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
