// Vite builds the agents' web app into web/dist (served by the server with a strict CSP: no inline
// script or style, so nothing here may inline them). In development (`npm run dev:web`) it proxies
// /api to a Postdesk server; see web/README.md.
import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { devBearerSession } from './dev-bearer-session.ts';
import { precompressAssets } from './precompress-assets.ts';
import { appChunk, preloadAppChunk } from './preload-app-chunk.ts';

const ENTRY = join(import.meta.dirname, 'src/main.tsx');
const APP = join(import.meta.dirname, 'src/app/render-app.tsx');

const target = process.env.POSTDESK_URL ?? 'http://localhost:3000';
const devToken = process.env.POSTDESK_DEV_TOKEN;

// The CSP the server sends with the app (common brief), so `vite preview` shows what the CSP would block.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), preloadAppChunk(APP), precompressAssets(), ...(devToken ? [devBearerSession(target, devToken)] : [])],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Never inline assets as data: URLs into JS/CSS; files are cacheable and CSP-friendly.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: [appChunk(ENTRY, APP, 'render-app')] } } },
  },
  preview: { headers: { 'content-security-policy': CSP } },
  server: {
    proxy: {
      '/api': {
        target,
        changeOrigin: true,
        headers: devToken ? { authorization: `Bearer ${devToken}` } : {},
      },
    },
  },
});
