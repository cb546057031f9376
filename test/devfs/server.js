// The drafts folder of `npm start`, over HTTP, so that what a writer types in VS Code for the Web
// is written to disk. @vscode/test-web mounts a folder read-only and keeps every change in the
// browser's memory, where a reload loses it; test/devfs/extension/ is a file-system provider that
// sends each read and write here instead.
//
// Development only: it listens on 127.0.0.1, serves one folder and nothing outside it, answers
// only requests carrying the X-Reference-Drafts header (so every browser request from another
// page is preflighted) and grants CORS only to the workbench's own origins (*.localhost:PORT).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const HEADER = 'x-reference-drafts';
const FILE = 1;
const DIRECTORY = 2;

/**
 * Starts the server. `allowedPort` is the workbench's port (or a function returning it, for a
 * workbench started after this server): only pages from localhost or *.localhost on that port
 * may use it. Resolves to { server, port, url, mount }.
 */
function startDraftServer({ root, allowedPort, port = 0 }) {
  const base = fs.realpathSync(root);
  // The folder is served under its own name (/sample/…), so the Explorer shows that name.
  const mount = `/${encodeURIComponent(path.basename(base))}`;
  const server = http.createServer((request, response) => {
    handle(base, mount, allowedPort, request, response).catch((error) => send(response, 500, { error: 'EIO', message: String(error && error.message) }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({ server, port: actual, url: `http://127.0.0.1:${actual}${mount}/`, mount });
    });
  });
}

/** True for the workbench's own origins: http://localhost:PORT and http://*.localhost:PORT. */
function isAllowedOrigin(origin, allowedPort) {
  if (typeof allowedPort === 'function') allowedPort = allowedPort();
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) && Number(url.port) === Number(allowedPort);
  } catch {
    return false;
  }
}

/** The file a request path names inside `base`, or undefined when it would leave it. */
function resolveInside(base, requestPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const target = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  return target === base || target.startsWith(base + path.sep) ? target : undefined;
}

async function handle(base, mount, allowedPort, request, response) {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (!isAllowedOrigin(origin, allowedPort)) return send(response, 403, { error: 'EACCES', message: 'origin not allowed' });
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
  }
  if (request.method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE');
    response.setHeader('Access-Control-Allow-Headers', `${HEADER}, content-type`);
    response.setHeader('Access-Control-Max-Age', '600');
    response.writeHead(204);
    return response.end();
  }
  if (request.headers[HEADER] !== '1') return send(response, 403, { error: 'EACCES', message: `the ${HEADER} header is required` });
  const url = new URL(request.url, 'http://127.0.0.1');
  const inMount = url.pathname === mount || url.pathname.startsWith(`${mount}/`);
  const target = inMount ? resolveInside(base, url.pathname.slice(mount.length)) : undefined;
  if (!target) return send(response, 403, { error: 'EACCES', message: 'outside the drafts folder' });
  const query = url.searchParams;
  try {
    if (request.method === 'GET' && query.has('stat')) {
      const stats = await fs.promises.stat(target);
      return send(response, 200, { type: stats.isDirectory() ? DIRECTORY : FILE, ctime: stats.ctimeMs, mtime: stats.mtimeMs, size: stats.size });
    }
    if (request.method === 'GET' && query.has('readdir')) {
      const entries = await fs.promises.readdir(target, { withFileTypes: true });
      return send(response, 200, entries.filter((entry) => entry.isFile() || entry.isDirectory()).map((entry) => [entry.name, entry.isDirectory() ? DIRECTORY : FILE]));
    }
    if (request.method === 'GET') {
      const body = await fs.promises.readFile(target);
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return response.end(body);
    }
    if (request.method === 'PUT') {
      const exists = fs.existsSync(target);
      if (exists && query.get('overwrite') !== '1') return send(response, 409, { error: 'EEXIST' });
      if (!exists && query.get('create') !== '1') return send(response, 404, { error: 'ENOENT' });
      if (!fs.existsSync(path.dirname(target))) return send(response, 404, { error: 'ENOENT' });
      await fs.promises.writeFile(target, await readBody(request));
      return send(response, 200, {});
    }
    if (request.method === 'POST' && query.has('mkdir')) {
      await fs.promises.mkdir(target);
      return send(response, 200, {});
    }
    if (request.method === 'POST' && query.has('rename')) {
      const to = query.get('rename');
      const destination = to.startsWith(`${decodeURIComponent(mount)}/`) ? resolveInside(base, encodeURIComponent(to.slice(decodeURIComponent(mount).length))) : undefined;
      if (!destination || destination === base || target === base) return send(response, 403, { error: 'EACCES' });
      if (fs.existsSync(destination) && query.get('overwrite') !== '1') return send(response, 409, { error: 'EEXIST' });
      await fs.promises.rename(target, destination);
      return send(response, 200, {});
    }
    if (request.method === 'DELETE') {
      if (target === base) return send(response, 403, { error: 'EACCES' });
      await fs.promises.rm(target, { recursive: query.get('recursive') === '1' });
      return send(response, 200, {});
    }
    return send(response, 405, { error: 'EINVAL' });
  } catch (error) {
    const code = error && error.code;
    const status = code === 'ENOENT' ? 404 : code === 'EEXIST' ? 409 : code === 'ENOTDIR' || code === 'EISDIR' ? 400 : 500;
    return send(response, status, { error: code || 'EIO' });
  }
}

const MAX_BODY = 50 * 1024 * 1024;

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('file too large for the drafts server'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response, status, body) {
  if (response.headersSent) return response.end();
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

module.exports = { startDraftServer, isAllowedOrigin, resolveInside, HEADER };
