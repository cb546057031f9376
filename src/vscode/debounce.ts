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

/**
 * One pending run per key (a document's URI): scheduling a key again restarts its wait, so each
 * draft is worked on once its own edits pause, whatever the other drafts do.
 */
export class KeyedTimers implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** (Re)starts `key`'s wait; `run` is called once it ends, unless cancelled or rescheduled first. */
  schedule(key: string, delayMs: number, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, delayMs),
    );
  }

  /** Drops `key`'s pending run, if any. */
  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Drops every pending run. */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  dispose(): void {
    this.clear();
  }
}
