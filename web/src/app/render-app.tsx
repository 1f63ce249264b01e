// The app proper: React, the router and every screen. main.tsx imports it once the first screen's
// requests are on their way (index.html preloads this chunk, so it loads alongside the entry).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

export function renderApp(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
