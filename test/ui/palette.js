// The command palette, driven as a user drives it; shared by the workbench scripts in test/ui/.
'use strict';

/**
 * Runs a command by its palette title (F1, type, pick). Retried: while the workbench is still
 * starting, an editor that opens late (the Welcome page) takes the focus and closes the palette.
 */
async function runCommand(page, title, { optional = false, keepOpen = false } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`);
      await row.waitFor({ state: 'visible', timeout: optional ? 5_000 : 10_000 });
      await row.click({ timeout: 5_000 });
      if (!keepOpen) await page.waitForTimeout(200);
      return;
    } catch (error) {
      if (attempt < 3) {
        await page.waitForTimeout(500);
        continue;
      }
      await page.keyboard.press('Escape');
      if (optional) return;
      throw new Error(`could not run "${title}" from the command palette (${String((error && error.message) || error).split('\n')[0]})`);
    }
  }
}

module.exports = { runCommand };
