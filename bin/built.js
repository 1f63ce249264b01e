// Whether the built JavaScript in dist/ is current: it exists and no file under src/ is newer (an edit, a
// checkout). bin/postdesk.js runs it then, else the TypeScript sources; the memory bench says which ran.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const builtMain = join(root, 'dist', 'main.js');

/** The newest modification time among the files under `dir`. */
function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

export function builtIsCurrent() {
  const builtAt = statSync(builtMain, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return builtAt >= newest(join(root, 'src'));
}
