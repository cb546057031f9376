import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { COMMANDS, EXTENSION_ID, HOVER_COMMANDS, PANEL_VIEW_TYPE, SETTINGS, SETTINGS_SECTION, VIEWS, VIEW_CONTAINER, WALKTHROUGH } from '../../src/vscode/ids';

// ids.ts and package.json name the same things twice; this keeps the two lists identical.
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const contributes = manifest.contributes;

const sorted = (values: Iterable<string>) => [...values].sort();

describe('ids.ts against package.json', () => {
  it('names the extension as publisher.name', () => {
    assert.equal(EXTENSION_ID, `${manifest.publisher}.${manifest.name}`);
    assert.equal(manifest.name, 'us-israel-reference');
  });

  it('contributes exactly the commands ids.ts defines, each with an nls title and the category', () => {
    assert.deepEqual(sorted(contributes.commands.map((command: { command: string }) => command.command)), sorted(Object.values(COMMANDS)));
    for (const command of contributes.commands) {
      assert.match(command.title, /^%[\w.]+%$/, `${command.command} title is an nls key`);
      assert.equal(command.category, '%category%');
    }
    assert.equal(nls.category, 'US–Israel Reference');
    assert.ok(HOVER_COMMANDS.every((id) => Object.values<string>(COMMANDS).includes(id)));
  });

  it('contributes exactly the views ids.ts defines, in their container', () => {
    assert.deepEqual(Object.keys(contributes.views), [VIEW_CONTAINER]);
    assert.deepEqual(sorted(contributes.views[VIEW_CONTAINER].map((view: { id: string }) => view.id)), sorted(Object.values(VIEWS)));
    assert.deepEqual(contributes.viewsContainers.activitybar.map((container: { id: string }) => container.id), [VIEW_CONTAINER]);
    assert.ok(existsSync(join(root, contributes.viewsContainers.activitybar[0].icon)), 'the activity bar icon exists');
  });

  it('contributes exactly the settings ids.ts defines, each described in package.nls.json', () => {
    const properties = contributes.configuration.properties;
    assert.deepEqual(sorted(Object.keys(properties)), sorted(Object.values(SETTINGS).map((key) => `${SETTINGS_SECTION}.${key}`)));
    for (const [key, property] of Object.entries<{ markdownDescription?: string; description?: string }>(properties)) {
      const description = property.markdownDescription ?? property.description ?? '';
      assert.match(description, /^%[\w.]+%$/, `${key} is described with an nls key`);
    }
  });

  it('activates lazily: each view, the panel, Markdown and plain text, and never on *', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(!events.includes('*'));
    assert.ok(!events.includes('onStartupFinished'));
    for (const id of Object.values(VIEWS)) assert.ok(events.includes(`onView:${id}`), id);
    assert.ok(events.includes(`onWebviewPanel:${PANEL_VIEW_TYPE}`));
    assert.ok(events.includes('onLanguage:markdown') && events.includes('onLanguage:plaintext'));
    // Early in a writer's workspace, so the first card does not wait on activation; reading still waits for a draft.
    assert.ok(events.includes('workspaceContains:**/*.md'));
  });

  it('ships a README and CHANGELOG of a document’s size', () => {
    // The Marketplace page is the README: a tooling slip that repeats text (it happened once, to
    // 36 MB) must fail here rather than ship.
    for (const file of ['README.md', 'CHANGELOG.md']) {
      const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
      assert.ok(text.length < 100 * 1024, `${file} is ${text.length} characters`);
      const paragraphs = text.split(/\n\s*\n/).filter((paragraph) => paragraph.trim().length > 80);
      assert.equal(new Set(paragraphs).size, paragraphs.length, `${file} repeats a paragraph`);
    }
  });

  it('refers in menus and keybindings only to contributed commands and views', () => {
    const commands = new Set<string>(Object.values(COMMANDS));
    for (const [menu, items] of Object.entries<{ command: string; when?: string }[]>(contributes.menus)) {
      for (const item of items) {
        assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
        for (const view of item.when?.match(/usIsraelReference\.[a-z]+/gi) ?? []) {
          assert.ok([...Object.values<string>(VIEWS), 'usIsraelReference.languages', 'usIsraelReference.searchOpen'].includes(view), `${menu}: ${view}`);
        }
      }
    }
    for (const binding of contributes.keybindings) {
      assert.ok(commands.has(binding.command), binding.command);
      assert.ok(binding.when, `${binding.command} keybinding is scoped with when`);
    }
  });

  it('has every %key% of package.json in package.nls.json, and no unused key', () => {
    const keys = new Set([...JSON.stringify(manifest).matchAll(/"%([\w.]+)%"/g)].map((match) => match[1]));
    assert.deepEqual(sorted(keys.values()).filter((key) => !(key in nls)), []);
    assert.deepEqual(sorted(Object.keys(nls)).filter((key) => !keys.has(key)), []);
  });

  it('contributes the walkthrough ids.ts names, with its media in the package and commands that exist', () => {
    const walkthroughs = (manifest.contributes as { walkthroughs: { id: string; steps: { media: { image?: string; markdown?: string }; completionEvents?: string[]; description: string }[] }[] }).walkthroughs;
    assert.deepEqual(walkthroughs.map((walkthrough) => `${manifest.publisher}.${manifest.name}#${walkthrough.id}`), [WALKTHROUGH]);
    const commands = new Set(Object.values(COMMANDS));
    // .vscodeignore ships only the walkthrough's own files from media/walkthrough/ (the README's
    // images go by URL): each file a step names must match one of its `!` lines (`*` = any name).
    const shipped = readFileSync(join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => new RegExp(`^${line.slice(1).trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
    for (const step of walkthroughs[0].steps) {
      const media = step.media.image ?? step.media.markdown!;
      assert.ok(media.startsWith('media/') && existsSync(join(root, media)), `${media} is in media/`);
      assert.ok(shipped.some((pattern) => pattern.test(media)), `${media} is allowed into the package by a \`!${media}\` line in .vscodeignore`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(commands.has(command as never), event);
      }
    }
  });

  it('keeps engines.vscode and @types/vscode on 1.91', () => {
    assert.equal(manifest.engines.vscode, '^1.91.0');
    assert.match(manifest.devDependencies['@types/vscode'], /^[~^]?1\.91\./);
  });
});
