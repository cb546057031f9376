// The design before issue 12 split the index, kept buildable as a baseline for the cold-start
// figures (coldStart.js) and the first hover in VS Code for the Web (test/ui/baselineExtension.js).
'use strict';
const { execFileSync } = require('child_process');
const { mkdtempSync } = require('fs');
const { join } = require('path');
const { tmpdir } = require('os');

/** The last commit with the single-file design: one reference-index.json, read and parsed whole. */
const BASELINE_COMMIT = '0be6285';

/**
 * Writes `paths` of the repository at BASELINE_COMMIT into a new temporary folder and returns it.
 * Throws without git history (a shallow clone); callers say what they do instead.
 */
function exportBaseline(root, paths) {
  const folder = mkdtempSync(join(tmpdir(), 'reference-baseline-'));
  const archive = execFileSync('git', ['archive', '--format=tar', BASELINE_COMMIT, ...paths], { cwd: root, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  return folder;
}

module.exports = { BASELINE_COMMIT, exportBaseline };
