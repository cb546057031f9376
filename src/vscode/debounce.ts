import type * as vscode from 'vscode';

/**
 * Runs a function once input has paused for `delayMs`, so a burst of keystrokes (or a paste
 * followed by edits) costs one run instead of one per keystroke.
 */
export class Debouncer implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: () => void,
    private readonly delayMs: number,
  ) {}

  /** (Re)starts the wait; the last call in a burst wins. */
  schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
  }

  /** Runs a scheduled call now (the user pressed Enter before the pause); true when there was one. */
  flush(): boolean {
    if (this.timer === undefined) return false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.run();
    return true;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
