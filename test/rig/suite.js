// Runs the in-editor suite (test/integration, built into dist/test/) inside a VS Code workbench
// opened in headless Chromium, for test/runWeb.js (worker extension host) and test/runNode.js
// (Node extension host). The workbench starts the suite itself when its URL names the tests
// (extensionTestsPath), and reports through two page functions, the hooks VS Code's own web
// integration tests use: codeAutomationLog(type, args) for each console line of the extension
// host, codeAutomationExit(code) for the result. This module prints the one and resolves to the
// other; the browser and whatever `start` started are closed on every path, and the run is
// time-boxed.
'use strict';
const { launchChromium } = require('./chromium');
const { isLocalUrl, isNoise } = require('./vscodeWeb');
const { watchHostile } = require('./hostileWatch');

/**
 * Messages a passing run can print on a busy machine that say nothing about the extension: the
 * workbench times the extension host and VS Code's own save participants with fixed budgets, and
 * a 2-core machine shared with other jobs exceeds them now and then. They are held back and, if
 * the suite passes, summed up in one line; if it fails they are printed, since they may explain.
 */
const TRANSIENT = [
  { pattern: /Extension host \(\w+\) is unresponsive/, what: 'the extension host was busy for a few seconds' },
  // The all-clear that follows the warning above: held back with it, not counted.
  { pattern: /Extension host \(\w+\) is responsive/, what: undefined },
  { pattern: /Aborted onWillSaveTextDocument-event after \d+ms/, what: "a save participant overran VS Code's 1.75 s budget" },
];

/** The suite's own first line (test/integration/index.ts). */
const SUITE_FIRST_LINE = /^in-editor suite \(/;

/**
 * @param {object} options
 * @param {string} options.name                    'test:web' or 'test:node', for messages
 * @param {string} options.chromium                the browser binary
 * @param {number} options.timeoutSeconds
 * @param {boolean} options.verbose                also print the workbench's console and chatter
 * @param {() => Promise<{ url: string, banner: string }>} options.start   starts the server(s)
 * @param {() => Promise<void>} options.stop        stops what start() started (called once, always)
 * @param {(line: string) => boolean} [options.isNoise]  extra lines to drop unless verbose
 * @returns {Promise<number>} the suite's exit code (1 for any failure to run it)
 */
async function runSuiteInWorkbench({ name, chromium, timeoutSeconds, verbose, start, stop, isNoise: isExtraNoise = () => false }) {
  let browser;
  let timer;
  let finish;
  let reporting = true;
  let suiteStarted = false;
  const startup = [];
  const heldBack = [];
  const counts = { passing: undefined, failing: 0 };
  const finished = new Promise((resolve) => (finish = resolve));
  const started = Date.now();
  const onSignal = (signal) => finish({ code: 130, reason: `interrupted (${signal})` });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  /** The workbench hands over (level, message) for each console line of the extension host. */
  const printLog = (type, args) => {
    if (!reporting) return;
    const text = (Array.isArray(args) ? args.map(String).join(' ') : String(args)).replace(/\n$/, '');
    if (!verbose && (type === 'trace' || type === 'debug' || isNoise(text) || isExtraNoise(text))) return;
    // What the workbench logs while it starts (connections, unbuilt optional modules, a missing
    // service worker) is kept for a run that fails before or during the suite.
    if (!suiteStarted && !verbose) {
      if (SUITE_FIRST_LINE.test(text)) suiteStarted = true;
      else {
        startup.push(text);
        return;
      }
    }
    const transient = TRANSIENT.find(({ pattern }) => pattern.test(text));
    if (transient && !verbose) {
      heldBack.push({ text, what: transient.what });
      return;
    }
    const count = /^\s*(\d+) (passing|failing)\b/.exec(text);
    if (count) counts[count[2]] = Number(count[1]);
    (type === 'error' || type === 'warn' ? console.error : console.log)(text);
  };

  const boot = async () => {
    const { url, banner } = await start();
    console.log(`${banner}; Chromium: ${chromium}`);
    browser = await launchChromium(chromium);
    // Clipboard access is granted so the suite can check what Copy as Markdown Link wrote.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    // Counted when they end: a webview's resource address (…vscode-resource.vscode-cdn.net in the
    // server's workbench) is answered by the webview's service worker and never reaches the
    // network, or is aborted by the page when the test replaces the webview; a request that did
    // try to leave fails otherwise (ERR_NAME_NOT_RESOLVED: the host resolver knows no other host).
    const outside = new Set();
    context.on('requestfinished', async (request) => {
      if (isLocalUrl(request.url())) return;
      const response = await request.response().catch(() => null);
      if (!response || !response.fromServiceWorker()) outside.add(new URL(request.url()).host);
    });
    context.on('requestfailed', (request) => {
      if (!isLocalUrl(request.url()) && request.failure()?.errorText !== 'net::ERR_ABORTED') outside.add(new URL(request.url()).host);
    });
    page.on('pageerror', (error) => {
      if (reporting && (verbose || !isExtraNoise(error.message))) console.error(`[workbench] ${error.message}`);
    });
    page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));
    page.on('close', () => finish({ code: 1, reason: 'the workbench page closed before the suite reported' }));
    if (verbose) page.on('console', (message) => console.log(`[workbench:${message.type()}] ${message.text()}`));
    const hostile = watchHostile(page, context);
    await page.exposeFunction('codeAutomationLog', printLog);
    await page.exposeFunction('codeAutomationExit', async (code) => {
      if (outside.size) console.error(`requests tried to leave this machine (blocked): ${[...outside].join(', ')}`);
      const ran = await hostile.verdict();
      reporting = false;
      if (ran.length > 0) {
        finish({ code: 1, reason: `a hostile-input payload ran in the workbench: ${ran.join('; ')}` });
        return;
      }
      finish({ code: typeof code === 'number' ? code : 1, reason: code === 0 ? undefined : `the suite failed (exit code ${code})` });
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  };

  try {
    timer = setTimeout(() => finish({ code: 1, reason: `timed out after ${timeoutSeconds} s (REFERENCE_TEST_TIMEOUT)` }), timeoutSeconds * 1000);
    boot().catch((error) => finish({ code: 1, reason: `${name} could not start VS Code: ${error && error.message ? error.message : error}` }));
    const { code, reason } = await finished;
    reporting = false;
    if (code === 0) {
      const warnings = heldBack.filter(({ what }) => what);
      if (warnings.length) {
        const kinds = [...new Set(warnings.map(({ what }) => what))].join('; ');
        console.log(`note: VS Code logged ${warnings.length} timing warning(s) (${kinds}); harmless on a passing run on a loaded machine (REFERENCE_VERBOSE=1 prints them).`);
      }
    } else {
      if (startup.length) console.error(`--- what the workbench logged before the suite started:\n${startup.join('\n')}\n---`);
      for (const { text } of heldBack) console.error(text);
    }
    if (reason) console.error(reason);
    // The plain closing line CI reads ("N passed, N failed"), from mocha's own counts.
    if (counts.passing !== undefined) console.log(`${name.replace(/^test:/, '')}: ${counts.passing} passed, ${counts.failing} failed`);
    console.log(`${name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
    return code;
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    reporting = false;
    // The browser first: stopping a server under a live workbench makes it log aborted requests.
    await Promise.race([
      (async () => {
        await browser?.close().catch(() => {});
        await stop();
      })(),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  }
}

module.exports = { runSuiteInWorkbench };
