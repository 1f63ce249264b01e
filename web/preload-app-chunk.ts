// Build only. The entry (src/main.tsx) starts the first screen's requests and then imports the app
// (src/app/render-app.tsx: react-dom, the router, the screens), so that the app loads while the API answers.
// - `appChunk` keeps everything the app imports statically, and the entry does not, in the app's one chunk.
//   Without it, the entry importing a lazy screen (the ticket, on a cold load of a ticket) would make the
//   bundler split the code that screen shares with the app into a handful of small chunks.
// - `preloadAppChunk` lists that chunk (and whatever it imports) in index.html as `modulepreload`: a dynamic
//   import is fetched only when reached, this has the browser fetch and compile it beside the entry instead.
// Lazy screens stay out of both: they load on demand.
import type { Plugin, Rolldown } from 'vite';

type ChunkingContext = { getModuleInfo(id: string): { importedIds: string[] } | null };

/** A `codeSplitting` group: the modules `app` reaches by static imports that `entry` does not, as one chunk. */
export function appChunk(entry: string, app: string, name: string) {
  let members: Set<string> | undefined;
  return {
    // What the app shares with the entry (React, TanStack Query, the API client) stays with the entry.
    includeDependenciesRecursively: false,
    name: (id: string, ctx: ChunkingContext) => {
      if (!members) {
        const fromEntry = reachable(entry, ctx);
        members = new Set([...reachable(app, ctx)].filter((module) => !fromEntry.has(module)));
      }
      return members.has(id) ? name : null;
    },
  };
}

function reachable(from: string, ctx: ChunkingContext): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const imported of ctx.getModuleInfo(id)?.importedIds ?? []) visit(imported);
  };
  visit(from);
  return seen;
}

export function preloadAppChunk(appModule: string): Plugin {
  return {
    name: 'postdesk-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
        const app = chunks.find((c) => c.moduleIds.includes(appModule));
        if (!app) throw new Error(`preloadAppChunk: no chunk holds ${appModule}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (fileName === chunk.fileName || files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(imported);
        };
        visit(app.fileName);
        return [...files].map((fileName) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
