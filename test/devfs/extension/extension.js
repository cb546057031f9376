// Development only (`npm start`): a file-system provider for `reference-drafts://127.0.0.1:PORT/`
// that reads and writes the drafts folder through test/devfs/server.js, so drafts survive a
// reload. Plain JavaScript, loaded as is by VS Code for the Web's worker extension host.
'use strict';
const vscode = require('vscode');

const SCHEME = 'reference-drafts';
const HEADERS = { 'X-Reference-Drafts': '1' };

function endpoint(uri, query) {
  const path = uri.path.split('/').map(encodeURIComponent).join('/');
  return `http://${uri.authority}${path || '/'}${query ? `?${query}` : ''}`;
}

async function call(uri, { method = 'GET', query, body } = {}) {
  let response;
  try {
    response = await fetch(endpoint(uri, query), { method, headers: HEADERS, body });
  } catch (error) {
    throw vscode.FileSystemError.Unavailable(`${uri.toString()}: the npm start server does not answer (${error && error.message})`);
  }
  if (response.ok) return response;
  let code = 'EIO';
  try {
    code = (await response.json()).error || code;
  } catch {
    // not JSON: keep EIO
  }
  if (code === 'ENOENT') throw vscode.FileSystemError.FileNotFound(uri);
  if (code === 'EEXIST') throw vscode.FileSystemError.FileExists(uri);
  if (code === 'ENOTDIR') throw vscode.FileSystemError.FileNotADirectory(uri);
  if (code === 'EISDIR') throw vscode.FileSystemError.FileIsADirectory(uri);
  if (code === 'EACCES') throw vscode.FileSystemError.NoPermissions(uri);
  throw vscode.FileSystemError.Unavailable(`${uri.toString()}: ${code}`);
}

class DraftFileSystem {
  constructor() {
    this.changes = new vscode.EventEmitter();
    this.onDidChangeFile = this.changes.event;
  }

  watch() {
    // Changes made here are reported by each write below; changes on disk show after a refresh.
    return new vscode.Disposable(() => {});
  }

  async stat(uri) {
    return (await call(uri, { query: 'stat' })).json();
  }

  async readDirectory(uri) {
    return (await call(uri, { query: 'readdir' })).json();
  }

  async readFile(uri) {
    return new Uint8Array(await (await call(uri)).arrayBuffer());
  }

  async writeFile(uri, content, options) {
    const query = `create=${options.create ? 1 : 0}&overwrite=${options.overwrite ? 1 : 0}`;
    let existed = true;
    try {
      await this.stat(uri);
    } catch {
      existed = false;
    }
    await call(uri, { method: 'PUT', query, body: content });
    this.changes.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  async createDirectory(uri) {
    await call(uri, { method: 'POST', query: 'mkdir' });
    this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri, options) {
    await call(uri, { method: 'DELETE', query: `recursive=${options.recursive ? 1 : 0}` });
    this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async rename(oldUri, newUri, options) {
    await call(oldUri, { method: 'POST', query: `rename=${encodeURIComponent(newUri.path)}&overwrite=${options.overwrite ? 1 : 0}` });
    this.changes.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
  }
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, new DraftFileSystem(), { isCaseSensitive: true }));
};
