// test/devfs/server.js: npm start's drafts on disk. It must write what the workbench sends, and
// nothing outside the drafts folder, for nobody but the workbench's own pages.
import { strict as assert } from 'assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Server } from 'http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startDraftServer, isAllowedOrigin, resolveInside } = require('../devfs/server.js');

describe('npm start: the drafts server', () => {
  let dir: string;
  let root: string;
  let server: Server;
  let base: string;
  const WORKBENCH = 'http://vscode.localhost:3000';
  const ok = { 'X-Reference-Drafts': '1', Origin: 'http://3f2a.vscode.localhost:3000' };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drafts-'));
    root = join(dir, 'sample');
    mkdirSync(root);
    writeFileSync(join(root, 'memo.md'), 'QME');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    const started = await startDraftServer({ root, allowedPort: 3000 });
    server = started.server;
    base = started.url;
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/sample\/$/);
  });

  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('admits only the workbench’s own origins', () => {
    assert.ok(isAllowedOrigin(WORKBENCH, 3000));
    assert.ok(isAllowedOrigin('http://abc-123.vscode.localhost:3000', 3000), 'the extension host’s frame');
    assert.ok(isAllowedOrigin('http://localhost:3000', () => 3000));
    for (const origin of ['http://evil.example:3000', 'http://vscode.localhost:3001', 'https://vscode.localhost:3000', 'http://localhost.evil.example:3000', 'null']) {
      assert.ok(!isAllowedOrigin(origin, 3000), origin);
    }
  });

  it('resolves paths inside the folder only', () => {
    assert.equal(resolveInside(root, '/memo.md'), join(root, 'memo.md'));
    assert.equal(resolveInside(root, '/../secret.txt'), join(root, 'secret.txt'), 'clamped at the folder, never above it');
    assert.equal(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd'), join(root, 'etc', 'passwd'));
    assert.equal(resolveInside(root, '/a%00b'), undefined);
    assert.equal(resolveInside(root, '/%E0%A4%A'), undefined, 'malformed escapes');
  });

  it('reads, writes, lists and renames in the folder, and the file is on disk', async () => {
    assert.equal(await (await fetch(`${base}memo.md`, { headers: ok })).text(), 'QME');
    const stat = await (await fetch(`${base}memo.md?stat`, { headers: ok })).json();
    assert.equal(stat.type, 1);
    const created = await fetch(`${base}new%20draft.md?create=1&overwrite=0`, { method: 'PUT', headers: ok, body: 'typed text' });
    assert.equal(created.status, 200);
    assert.equal(readFileSync(join(root, 'new draft.md'), 'utf8'), 'typed text');
    assert.equal((await fetch(`${base}new%20draft.md?create=1&overwrite=0`, { method: 'PUT', headers: ok, body: 'x' })).status, 409, 'no silent overwrite');
    assert.equal((await fetch(`${base}missing.md?create=0&overwrite=1`, { method: 'PUT', headers: ok, body: 'x' })).status, 404);
    const listing = await (await fetch(`${base}?readdir`, { headers: ok })).json();
    assert.deepEqual(listing.map((entry: [string, number]) => entry[0]).sort(), ['memo.md', 'new draft.md']);
    assert.equal((await fetch(`${base}new%20draft.md?rename=${encodeURIComponent('/sample/renamed.md')}&overwrite=0`, { method: 'POST', headers: ok })).status, 200);
    assert.ok(existsSync(join(root, 'renamed.md')));
    assert.equal((await fetch(`${base}renamed.md?recursive=0`, { method: 'DELETE', headers: ok })).status, 200);
    assert.ok(!existsSync(join(root, 'renamed.md')));
    assert.equal((await fetch(`${base}nothing.md?stat`, { headers: ok })).status, 404);
  });

  it('refuses requests without its header, from other origins, outside the folder or its mount', async () => {
    assert.equal((await fetch(`${base}memo.md`)).status, 403, 'no header');
    assert.equal((await fetch(`${base}memo.md`, { headers: { ...ok, Origin: 'http://evil.example' } })).status, 403);
    const port = new URL(base).port;
    assert.equal((await fetch(`http://127.0.0.1:${port}/secret.txt`, { headers: ok })).status, 403, 'outside the mount');
    assert.equal((await fetch(`${base}x?rename=${encodeURIComponent('/elsewhere/x')}`, { method: 'POST', headers: ok })).status, 403);
    assert.equal((await fetch(`${base}?recursive=1`, { method: 'DELETE', headers: ok })).status, 403, 'the folder itself stays');
    assert.equal(readFileSync(join(dir, 'secret.txt'), 'utf8'), 'outside');
    const preflight = await fetch(`${base}memo.md`, { method: 'OPTIONS', headers: { Origin: 'http://abc.vscode.localhost:3000' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://abc.vscode.localhost:3000');
  });
});
