// The reference panel's script. It renders nothing itself: the extension sends whole pages.
// Its jobs are to turn clicks and keys into the typed messages of src/shared, keep the page's
// state for the serializer, and handle in-page anchors.
import type { PanelMessage, PanelState } from '../shared/messages';

interface VsCodeApi {
  postMessage(message: PanelMessage): void;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

const rawState = document.body.dataset.state;
if (rawState) {
  try {
    // Saved so that a window reload hands it to the extension's panel serializer.
    vscode.setState(JSON.parse(rawState) as PanelState);
  } catch {
    // A page without valid state simply is not restored after a reload.
  }
}

function scrollToAnchor(id: string, focus: boolean): void {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  if (focus) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }
}

const anchor = document.body.dataset.anchor;
if (anchor) scrollToAnchor(anchor, true);

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const action = target?.closest<HTMLButtonElement>('button[data-action]');
  if (action && !action.disabled) {
    const type = action.dataset.action;
    if (type === 'back' || type === 'forward' || type === 'pin' || type === 'search' || type === 'insertIntoDraft' || type === 'copyMarkdownLink' || type === 'cite') {
      vscode.postMessage({ type });
    } else if (type === 'copyFact') {
      vscode.postMessage({ type, index: Number(action.dataset.index) });
    }
    return;
  }
  const link = target?.closest<HTMLAnchorElement>('a');
  if (!link) return;
  // Every link is handled here: the webview must never navigate away from the page.
  event.preventDefault();
  if (link.dataset.entry) {
    vscode.postMessage({ type: 'open', id: link.dataset.entry });
  } else if (link.dataset.external) {
    // External links carry their address in data-href, never href: see externalLink in src/core/render/escape.ts.
    vscode.postMessage({ type: 'openExternal', url: link.dataset.href ?? '' });
  } else if (link.dataset.anchor) {
    scrollToAnchor(link.dataset.anchor, true);
  }
});

document.addEventListener('keydown', (event) => {
  // An anchor without href gets no Enter activation from the browser: give it the link's.
  const external = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('a[data-external][data-href]') : null;
  if (external && event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    vscode.postMessage({ type: 'openExternal', url: external.dataset.href ?? '' });
    return;
  }
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.key === 'ArrowLeft') {
    event.preventDefault();
    vscode.postMessage({ type: 'back' });
  } else if (event.key === 'ArrowRight') {
    event.preventDefault();
    vscode.postMessage({ type: 'forward' });
  }
});

// Mouse back and forward buttons (3 and 4), as in a browser.
document.addEventListener('mouseup', (event) => {
  if (event.button === 3 || event.button === 4) {
    event.preventDefault();
    vscode.postMessage({ type: event.button === 3 ? 'back' : 'forward' });
  }
});
