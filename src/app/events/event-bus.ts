// The seam between what changes (use cases publish after their commit) and who is watching (open
// event streams subscribe per project). DESIGN §6: one process uses `createInProcessEventBus`; several
// nodes behind a load balancer need every node to hear every commit, which is what
// `createPostgresEventBus` (LISTEN/NOTIFY) does. `context.ts` picks one.
// Publishing never throws and never waits for listeners: a slow or broken stream must not fail a commit
// that already happened.
import type { DeskEvent } from './desk-event.ts';

export type EventListener = (event: DeskEvent) => void;

export interface EventBus {
  /** Call only after the change committed (see `announce.ts`); listeners of the event's project hear it. */
  publish(event: DeskEvent): void;
  /** Hears every event of one project from now on; returns the function that stops it. */
  subscribe(projectId: number, listener: EventListener): () => void;
  close(): Promise<void>;
}

/** The listeners of each project, shared by the implementations: delivery to one process's subscribers. */
export class ProjectListeners {
  private readonly byProject = new Map<number, Set<EventListener>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  add(projectId: number, listener: EventListener): () => void {
    const set = this.byProject.get(projectId) ?? new Set<EventListener>();
    this.byProject.set(projectId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byProject.get(projectId) === set) this.byProject.delete(projectId);
    };
  }

  deliver(event: DeskEvent): void {
    const set = this.byProject.get(event.data.project_id);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const set of this.byProject.values()) n += set.size;
    return n;
  }
}
