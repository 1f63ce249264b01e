// One process: what a commit here publishes, the streams served here hear. Enough for `serve`, which
// runs the web server and the worker in the same process; a separate `worker` process or a second
// node needs the PostgreSQL bus.
import { ProjectListeners, type EventBus } from './event-bus.ts';

export function createInProcessEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new ProjectListeners(onListenerError);
  return {
    publish: (event) => listeners.deliver(event),
    subscribe: (projectId, listener) => listeners.add(projectId, listener),
    close: async () => {},
  };
}
