// Smoke: the extension under development is installed in the real VS Code, activates when a
// Markdown document opens, runs in the extension host the runner meant (and through the entry
// that host loads: `main` in Node, `browser` in the worker), and answers a hover over a glossary
// term. Runs in both hosts. The [measure] lines are reported, never asserted.
import * as vscode from 'vscode';
import { expect } from 'chai';
import manifest from '../../package.json';
import { loadReference, loadReferenceParts } from '../../src/core/reference';
import { host as bundleHost, loadedModules } from 'reference-test:mocha';

const extensionId = `${manifest.publisher}.${manifest.name}`;

/** Polls `condition` until it holds or `timeoutMs` passes. */
async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A file of the test workspace (test/fixtures/workspace). */
function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test run opened no workspace folder (expected test/fixtures/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

describe('smoke', () => {
  before(() => {
    console.log('    [measure] lines are timings in this host, reported and never asserted: a busy machine makes them several times longer');
  });

  it('the extension is installed in this VS Code', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    expect(extension, `extension ${extensionId}`).to.not.equal(undefined);
    expect(extension!.packageJSON.displayName).to.equal(manifest.displayName);
  });

  it('activates when a Markdown document opens', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const activeBefore = extension.isActive;
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(workspaceFile('iron-dome-briefing.md'));
    await vscode.window.showTextDocument(document);
    expect(document.languageId).to.equal('markdown');
    await waitFor(() => extension.isActive, 20_000, `${extensionId} to activate`);
    const elapsed = performance.now() - started;
    console.log(
      activeBefore
        ? '    [measure] the extension was already active before the Markdown document opened'
        : `    [measure] activation: ${elapsed.toFixed(0)} ms from opening a Markdown document to isActive`,
    );
  });

  it('runs in the extension host the runner asked for, through its entry', () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof (globalThis as { importScripts?: unknown }).importScripts !== 'function';
    const actual = inNode ? 'node' : 'web';
    // test:node sets REFERENCE_EXPECTED_HOST for the server, which hands it down to its extension
    // host; elsewhere the bundle says which host it was built for.
    const expected = (inNode && process.env.REFERENCE_EXPECTED_HOST) || bundleHost;
    expect(actual, 'the extension host this suite runs in').to.equal(expected);
    if (actual === 'node') {
      // Compared without case and with one kind of slash: Windows paths differ in both.
      const comparable = (file: string) => file.replace(/\\/g, '/').toLowerCase();
      const mainEntry = comparable(vscode.Uri.joinPath(extension.extensionUri, manifest.main).fsPath);
      expect(loadedModules().map(comparable), 'modules loaded in this Node extension host').to.include(mainEntry);
      console.log(`    [host] Node ${process.version}, ${vscode.env.remoteName ? `remote (${vscode.env.remoteName})` : 'local'} extension host, entry ${manifest.main}`);
    } else {
      console.log(`    [host] web worker extension host, entry ${manifest.browser}`);
    }
  });

  it('answers a hover over a glossary term', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('iron-dome-briefing.md'));
    await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('Iron Dome');
    expect(offset).to.be.greaterThan(-1);
    const position = document.positionAt(offset + 2);

    // What the extension reads for a hover, read the way it reads it (workspace.fs), beside the
    // single index file it read whole before the split.
    const extension = vscode.extensions.getExtension(extensionId)!;
    const read = async (file: string) => {
      const readStarted = performance.now();
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'dist', file));
      console.log(`    [measure] reading dist/${file} (${Math.round(bytes.byteLength / 1024)} KB) through workspace.fs: ${(performance.now() - readStarted).toFixed(0)} ms`);
      return new TextDecoder().decode(bytes);
    };
    const whole = await read('reference-index.json');
    const termsPart = await read('reference-terms.jsonl');
    // The same loads, timed in this worker: parse and build, then the first look-up.
    for (const [label, load] of [
      ['single index file, loadReference', () => loadReference(whole)],
      ['terms part, loadReferenceParts', () => loadReferenceParts(termsPart, () => whole)],
    ] as const) {
      const parseStarted = performance.now();
      const reference = load();
      const parsed = performance.now();
      reference.termAt(document.getText(), offset + 2, { markdown: true });
      console.log(`    [measure] in this host, ${label} ${(parsed - parseStarted).toFixed(0)} ms, first termAt ${(performance.now() - parsed).toFixed(0)} ms`);
    }

    const started = performance.now();
    let attempts = 0;
    let hovers: vscode.Hover[] = [];
    // The first request may reach the extension while it is still loading its index: retry briefly.
    for (let attempt = 0; attempt < 40 && hovers.length === 0; attempt++) {
      attempts++;
      hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
      if (hovers.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsed = performance.now() - started;
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    expect(text, 'hover text over "Iron Dome"').to.match(/Iron Dome/i);
    console.log(`    [measure] first hover: ${elapsed.toFixed(0)} ms for vscode.executeHoverProvider over "Iron Dome" (${attempts} request(s))`);
    const warmStarted = performance.now();
    await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    console.log(`    [measure] second hover: ${(performance.now() - warmStarted).toFixed(0)} ms`);
  });
});
