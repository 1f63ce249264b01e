// The entry. It starts the first screen's requests at once (app/first-screen-queries.ts), then imports the
// app, whose chunk index.html already preloads: the API answers while the browser compiles and runs
// React and the screens, instead of after. Keep this file's imports free of react-dom and the router.
import { startFirstScreenQueries } from './app/first-screen-queries.ts';
import { queryClient } from './lib/query-client.ts';
import './styles.css';

const firstScreen = startFirstScreenQueries(queryClient, window.location);

// Answers that arrived while the app was compiling settle within a few milliseconds of it: wait that long,
// so that the first render shows them instead of an empty frame followed by a second render. An answer
// that is really late does not hold the frame back for more than this.
const FIRST_SCREEN_GRACE_MS = 100;

const root = document.getElementById('root')!;
import('./app/render-app.tsx')
  .then(async ({ renderApp }) => {
    await Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_GRACE_MS))]);
    renderApp(root);
  })
  .catch(() => {
    // A deploy replaced the chunks under an open tab, or the network dropped: say so instead of a blank page.
    root.textContent = 'Postdesk could not load. Reload the page to try again.';
  });
