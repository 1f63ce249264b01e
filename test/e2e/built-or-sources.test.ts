// bin/postdesk.js runs the build in dist/ when it is at least as new as every file under src/, else the
// TypeScript sources through tsx: a stale build never runs (issue 10, "production carries no compiler").
// Run against a copy of the command beside a stand-in dist/main.js and src/main.ts that say which ran.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { POSTDESK_BIN } from '../helpers/process.ts';

describe('bin/postdesk.js: the build or the sources', () => {
  let root: string;
  const run = () => execFileSync(process.execPath, [join(root, 'bin', 'postdesk.js')], { encoding: 'utf8' }).trim();
  const age = (path: string, secondsAgo: number) => {
    const when = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(path, when, when);
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'postdesk-bin-'));
    for (const dir of ['bin', 'dist', 'src']) mkdirSync(join(root, dir));
    copyFileSync(POSTDESK_BIN, join(root, 'bin', 'postdesk.js'));
    copyFileSync(join(POSTDESK_BIN, '..', 'built.js'), join(root, 'bin', 'built.js'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(resolve(import.meta.dirname, '../../node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'src', 'main.ts'), "const ran: string = 'sources';\nconsole.log(ran);\n");
    writeFileSync(join(root, 'dist', 'main.js'), "console.log('build');\n");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('runs the build when no source is newer', () => {
    age(join(root, 'src', 'main.ts'), 60);
    age(join(root, 'dist', 'main.js'), 10);
    assert.equal(run(), 'build');
  });

  it('runs the sources through tsx when one is newer than the build', () => {
    age(join(root, 'dist', 'main.js'), 60);
    age(join(root, 'src', 'main.ts'), 10);
    assert.equal(run(), 'sources');
  });

  it('runs the sources when there is no build', () => {
    rmSync(join(root, 'dist'), { recursive: true });
    assert.equal(run(), 'sources');
  });
});
