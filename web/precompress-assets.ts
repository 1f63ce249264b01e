// Build only: writes a brotli (`.br`) and a gzip (`.gz`) twin beside every text asset Vite emits, once, at
// the highest levels, so the server sends compressed bytes without compressing per request
// (`@fastify/static` `preCompressed` picks the twin the browser accepts and sets Content-Encoding and
// Vary). A twin that would not be smaller is not written: the server then sends the file itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(?:js|css|svg|json|txt|map)$/;

export function precompressAssets(): Plugin {
  let outDir = '';
  return {
    name: 'postdesk-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!TEXT.test(fileName)) continue;
        const path = join(outDir, fileName);
        const raw = readFileSync(path);
        const brotli = brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        });
        const gzip = gzipSync(raw, { level: 9 });
        if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
        if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
      }
    },
  };
}
