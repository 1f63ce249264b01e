// Build only: the entry (src/main.tsx) starts the first screen's requests and then imports the app
// (src/app/render-app.tsx: react-dom, the router, the screens), so that the app loads while the API
// answers. A dynamic import is fetched only when it is reached; this lists the app's chunk and the chunks
// it imports in index.html as `modulepreload`, so the browser fetches and compiles them beside the entry
// instead of after it. Lazy screens stay out: they load on demand.
import type { Plugin, Rolldown } from 'vite';

export function preloadAppChunk(appModule: string): Plugin {
  return {
    name: 'postdesk-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(appModule));
        if (!app) throw new Error(`preloadAppChunk: no chunk is made from ${appModule}`);
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
