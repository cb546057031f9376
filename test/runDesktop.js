#!/usr/bin/env node
// `npm run test:desktop`: runs the in-editor suite (dist/test/integration.node.js) inside desktop
// VS Code through @vscode/test-electron, which exercises the extension's `main` (Node) entry.
//
// test-electron downloads VS Code (into .vscode-test/) unless REFERENCE_VSCODE_EXECUTABLE names an
// installed one. Where nothing can be downloaded (machines that reach only package registries), the
// attempt is time-boxed (REFERENCE_DOWNLOAD_TIMEOUT seconds, default 120) and the script says so in
// one line and exits non-zero; it never hangs. On Linux without a display, run it under
// `xvfb-run -a npm run test:desktop`.
//
// Env: REFERENCE_VSCODE_EXECUTABLE (an installed VS Code: no download),
//      REFERENCE_VSCODE_VERSION (what to download; default 1.91.1, the API the extension targets),
//      REFERENCE_DOWNLOAD_TIMEOUT, REFERENCE_TEST_TIMEOUT (seconds; default 120 and 600).
'use strict';
const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
const testsBundle = path.join(repoRoot, 'dist', 'test', 'integration.node.js');
const workspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
const version = process.env.REFERENCE_VSCODE_VERSION || '1.91.1';
const downloadSeconds = Number(process.env.REFERENCE_DOWNLOAD_TIMEOUT || 120);
const testSeconds = Number(process.env.REFERENCE_TEST_TIMEOUT || 600);

/** Rejects with `message` if `promise` has not settled within `seconds`. */
function timeBox(promise, seconds, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  for (const file of [testsBundle, path.join(repoRoot, 'dist', 'extension.node.js')]) {
    if (!fs.existsSync(file)) {
      console.error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` first.`);
      return 2;
    }
  }
  const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');

  let vscodeExecutablePath = process.env.REFERENCE_VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    try {
      // test-electron prints a progress bar; nothing else of it is needed when it fails.
      vscodeExecutablePath = await timeBox(
        downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test') }),
        downloadSeconds,
        `no answer within ${downloadSeconds} s`,
      );
    } catch (error) {
      const reason = String((error && error.message) || error).split('\n')[0];
      console.error(
        `test:desktop: VS Code ${version} could not be downloaded here (${reason}); ` +
          'run it where VS Code can be downloaded, or set REFERENCE_VSCODE_EXECUTABLE to an installed VS Code. ' +
          'The web-hosted suite (npm run test:web) runs offline.',
      );
      return 1;
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('test:desktop: no display; if VS Code fails to start, run `xvfb-run -a npm run test:desktop`.');
  }

  try {
    const code = await timeBox(
      runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsBundle,
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-telemetry',
        ],
      }),
      testSeconds,
      `the suite did not finish within ${testSeconds} s (REFERENCE_TEST_TIMEOUT)`,
    );
    return code;
  } catch (error) {
    console.error(`test:desktop failed: ${(error && error.message) || error}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
