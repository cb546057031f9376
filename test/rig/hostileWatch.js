// What the hostile-input suite (test/hostile/, test/integration/hostile.spec.ts) watches in real
// Chromium while the in-editor suite runs: a payload that ran logs `HOSTILE-FIRED-<id>` or sets it
// as a document title, in whatever frame it ran (the workbench, a hover, a webview panel), or makes
// a request to hostile.example, or opens a dialog. The marker is assembled only when payload code
// runs, so a payload merely shown as text never produces it. Any of these fails the run.
'use strict';

const MARK_LINE = /^HOSTILE-FIRED-[A-Z]\d+$/;
const MARK = /HOSTILE-FIRED-[A-Z]\d+/;

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * Starts watching a workbench page. `verdict()` (call it once, when the suite reports) takes a
 * last look at every title, makes every frame log a self-test line (a watch that cannot hear a
 * frame vouches for nothing), and returns what fired, if anything.
 *
 * @example
 *   const watch = watchHostile(page, context);
 *   const fired = await watch.verdict(); // [] when no payload ran
 */
function watchHostile(page, context) {
  const fired = new Set();
  const heard = new Set();
  const tried = new Set();
  context.on('request', (request) => {
    if (/(^|\.)hostile\.example$/i.test(hostOf(request.url()))) fired.add(`request to ${hostOf(request.url())}`);
  });
  page.on('console', (message) => {
    const text = message.text().trim();
    // Only a whole line is the marker: the suite's output and error messages may quote payload text.
    if (MARK_LINE.test(text)) fired.add(`console: ${text}`);
    if (/^HOSTILE-SELFTEST-\d+$/.test(text)) heard.add(text);
  });
  page.on('dialog', (dialog) => {
    fired.add(`a ${dialog.type()} dialog`);
    void dialog.dismiss().catch(() => {});
  });
  const checkTitles = async () => {
    for (const frame of page.frames()) {
      const found = MARK.exec(await frame.title().catch(() => ''));
      if (found) fired.add(`title of ${frame === page.mainFrame() ? 'the workbench' : 'a frame'}: ${found[0]}`);
    }
  };
  const timer = setInterval(() => void checkTitles(), 250);
  // Each frame that loads (a webview panel is two) logs a self-test line once it has settled.
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) return;
    setTimeout(() => {
      tried.add(frame);
      const line = `HOSTILE-SELFTEST-${100 + tried.size}`;
      frame.evaluate((text) => console.log(text), line).catch(() => tried.delete(frame));
    }, 1000);
  });

  return {
    async verdict() {
      clearInterval(timer);
      await checkTitles();
      const frames = page.frames();
      await page.mainFrame().evaluate(() => console.log('HOSTILE-SELFTEST-1')).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fromFrames = [...heard].filter((line) => Number(line.split('-').pop()) > 100).length;
      console.log(`hostile-input watch: ${fired.size} payload(s) ran; console self-test heard from the workbench: ${heard.has('HOSTILE-SELFTEST-1') ? 'yes' : 'no'}, from ${fromFrames} of ${tried.size} frame(s) loaded during the run (webviews); ${frames.length} frame(s) open at the end`);
      if (!heard.has('HOSTILE-SELFTEST-1')) fired.add('the console watch did not hear the workbench frame, so it can vouch for nothing');
      return [...fired];
    },
  };
}

module.exports = { watchHostile };
