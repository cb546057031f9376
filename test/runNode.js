#!/usr/bin/env node
// `npm run test:node`: runs the in-editor suite (dist/test/integration.node.js, built by
// `npm run build` from test/integration) inside the Node extension host of a real VS Code
// (1.93.1, the server code-server 4.93.1 embeds), offline, through the extension's `main` entry.
//
//   1. test/rig/codeServer.js installs the server on first use into .vscode-test/ (npm registry
//      only; it compiles one native module, so it needs make, g++ and python3, and says so) and
//      starts it on a free port of 127.0.0.1;
//   2. the workbench is opened in headless Chromium (test/rig/chromium.js) with this repository as
//      the extension under development and its tests, both as vscode-remote:// addresses, so the
//      server loads them from its own file system into its Node extension host, and
//      test/fixtures/workspace as the folder;
//   3. test/rig/suite.js relays the suite's output and exits with its code. The suite asserts that
//      it runs in Node and that VS Code loaded the `main` bundle (REFERENCE_EXPECTED_HOST=node,
//      which the server hands down to the extension host).
//
// Env: REFERENCE_CHROMIUM, REFERENCE_TEST_TIMEOUT (seconds, default 300; the first run's install
//      is not counted), REFERENCE_VERBOSE=1 (the workbench's console; the server's log is kept in
//      .vscode-test/code-server.log either way), REFERENCE_RIPGREP (an rg binary, if not on PATH),
//      REFERENCE_CODE_SERVER_VERSION (another code-server to try; default 4.93.1, see the rig).
'use strict';
const fs = require('fs');
const path = require('path');
const rig = require('./rig/vscodeWeb');
const codeServer = require('./rig/codeServer');
const { runSuiteInWorkbench } = require('./rig/suite');

const repoRoot = rig.repoRoot;
const testsBundle = path.join(repoRoot, 'dist', 'test', 'integration.node.js');
const workspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
const timeoutSeconds = Number(process.env.REFERENCE_TEST_TIMEOUT || 300);
const verbose = process.env.REFERENCE_VERBOSE === '1';
const logFile = path.join(repoRoot, '.vscode-test', 'code-server.log');

/**
 * What the Node host prints on every run that says nothing about the extension: the server's
 * build lacks its language packs and the optional native modules left unbuilt (terminals,
 * Kerberos, the machine id), and it has no gallery to ask.
 */
const NODE_HOST_NOISE = [
  /\/(nls\.messages\.js|package\.nls\.json)\b.*\b404\b/,
  /Failed to load resource: the server responded with a status of 404/,
  /^Creation of workbench contribution '.*' took \d+ms\.$/,
  /Ignoring fetching additional builtin extensions from gallery/,
];

async function main() {
  for (const file of [testsBundle, path.join(repoRoot, 'dist', 'extension.node.js')]) {
    if (!fs.existsSync(file)) {
      console.error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` first.`);
      return 2;
    }
  }
  rig.warnIfStale(testsBundle, ['src', 'test/integration', 'data'].map((dir) => path.join(repoRoot, dir)));
  if (process.platform === 'win32') {
    console.error('test:node runs on Linux and macOS; on Windows use `npm run test:desktop`.');
    return 2;
  }
  let vscodeRoot;
  try {
    vscodeRoot = codeServer.ensureInstalled();
  } catch (error) {
    console.error(`test:node: ${error.message}`);
    return 2;
  }
  const chromium = rig.requireChromium();

  const runDir = path.join(repoRoot, '.vscode-test', `node-run-${process.pid}`);
  let server;
  try {
    return await runSuiteInWorkbench({
      name: 'test:node',
      chromium,
      timeoutSeconds,
      verbose,
      isNoise: (line) => NODE_HOST_NOISE.some((pattern) => pattern.test(line)),
      start: async () => {
        fs.mkdirSync(path.join(runDir, 'user-data'), { recursive: true });
        fs.mkdirSync(path.join(runDir, 'extensions'), { recursive: true });
        server = await codeServer.startServer({
          vscodeRoot,
          userDataDir: path.join(runDir, 'user-data'),
          extensionsDir: path.join(runDir, 'extensions'),
          logFile,
          // An empty gallery: the build's default (open-vsx.org) cannot be reached from here.
          env: { REFERENCE_EXPECTED_HOST: 'node', EXTENSIONS_GALLERY: '{}' },
        });
        const authority = `127.0.0.1:${server.port}`;
        const remote = (file) => `vscode-remote://${authority}${toPosix(file)}`;
        const payload = [
          ['extensionDevelopmentPath', remote(repoRoot)],
          ['extensionTestsPath', remote(testsBundle)],
          ['skipWelcome', 'true'],
        ];
        const url = `http://${authority}/?folder=${encodeURIComponent(toPosix(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        return { url, banner: `VS Code ${codeServer.serverVersion(vscodeRoot)} server (code-server ${codeServer.VERSION}), Node extension host, at http://${authority}/` };
      },
      stop: async () => {
        await server?.stop();
      },
    });
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

function toPosix(file) {
  return file.split(path.sep).join('/');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
