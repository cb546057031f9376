// The hostile-input suite's payloads: every class of §4 of the November 2026 security review
// (shared/reviews/security-review-2026-11.md) and more. Each payload that could run calls
// console.log and sets document.title to `HOSTILE-FIRED-<id>`; test/runWeb.js fails the run if
// either is ever seen, in any frame. Hosts are under `hostile.example`, so a request made by a
// payload is recognisable (and test/runWeb.js fails on any request that leaves the machine).
//
// `node test/hostile/generate.js` places them in a workspace glossary (test/fixtures/workspace/hostile/).
'use strict';

const MARK = (id) => `HOSTILE-FIRED-${id}`;
// The marker is assembled when the code runs, so the payload's own text (shown, say, as a panel's
// title, which becomes the window title) never contains it: only execution can produce it.
const JS = (id) => `console.log('HOSTILE-'+'FIRED-${id}');document.title='HOSTILE-'+'FIRED-${id}'`;
/** A value that names the payload where no code runs (a command argument): never the marker itself. */
const ARG = (id) => `HOSTILE-ARG-${id}`;

/** @type {{ id: string; kind: string; text: (id: string) => string }[]} */
const TEXT_PAYLOADS = [
  { id: 'H01', kind: 'script element', text: (id) => `<script>${JS(id)}</script>` },
  { id: 'H02', kind: 'event handler (img onerror)', text: (id) => `<img src=x onerror="${JS(id)}">` },
  { id: 'H03', kind: 'event handler (svg onload)', text: (id) => `<svg onload="${JS(id)}"></svg>` },
  { id: 'H04', kind: 'javascript: link', text: (id) => `[click ${id}](javascript:${JS(id)})` },
  { id: 'H05', kind: 'data: link and image', text: (id) => `[d](data:text/html,<script>${JS(id)}</script>) ![i](data:image/svg+xml,<svg onload=${JS(id)}>)` },
  { id: 'H06', kind: 'command: link', text: (id) => `[Run ${id}](command:workbench.action.files.newUntitledFile)` },
  { id: 'H07', kind: 'command: breakout into an allowed command', text: (id) => `x](command:usIsraelReference.search?["${ARG(id)}"]) [y` },
  { id: 'H08', kind: 'HTML entities', text: (id) => `&lt;img src=x onerror=${id}&gt; &#60;script&#62;${id} &#x5B;a&#x5D;&#x28;command:workbench.action.files.newUntitledFile&#x29;` },
  { id: 'H09', kind: 'double-quote attribute breakout', text: (id) => `" onmouseover="${JS(id)}" autofocus onfocus="${JS(id)}` },
  { id: 'H10', kind: 'single-quote attribute breakout', text: (id) => `' onmouseover='${JS(id)}' onfocus='${JS(id)}` },
  { id: 'H11', kind: 'backtick breakout', text: (id) => `\` onmouseover=\`${JS(id)}\` <img src=x onerror=${JS(id)}> \`\`\` x \`\`\`` },
  { id: 'H12', kind: 'CSS', text: (id) => `<style>body{background:url("javascript:${JS(id)}")}</style><b style="width:expression(${JS(id)})">x</b>` },
  { id: 'H13', kind: 'nested links', text: (id) => `[[inner](https://${id.toLowerCase()}.hostile.example/)](command:workbench.action.files.newUntitledFile) [a [b](command:usIsraelReference.search?["${ARG(id)}"]) c](https://hostile.example/)` },
  { id: 'H14', kind: 'bidi and zero-width', text: (id) => `Sp${id}\u202Eooftxe.exe\u2066 zero\u200Bwidth\u200D join \uFEFFbom` },
  { id: 'H15', kind: 'iframe', text: (id) => `<iframe src="javascript:${JS(id)}"></iframe><iframe srcdoc="<script>${JS(id)}</script>"></iframe>` },
  { id: 'H16', kind: 'anchor with javascript: href', text: (id) => `<a href="javascript:${JS(id)}">open ${id}</a>` },
  { id: 'H17', kind: 'autolinks', text: (id) => `<javascript:${JS(id)}> <command:workbench.action.files.newUntitledFile> <https://${id.toLowerCase()}.hostile.example/auto>` },
  { id: 'H18', kind: '$(icon) and template syntax', text: (id) => `$(alert) $(zap~spin) ${id} {{constructor.constructor('${JS(id)}')()}} \${${JS(id)}}` },
  { id: 'H19', kind: 'details ontoggle, MathML link', text: (id) => `<details open ontoggle="${JS(id)}"><summary>x</summary></details><math><a xlink:href="javascript:${JS(id)}">m</a></math>` },
  { id: 'H20', kind: 'tracking image', text: (id) => `![pixel](https://tracker.hostile.example/${id}.png) <img src="https://tracker.hostile.example/${id}b.png">` },
  { id: 'H21', kind: 'reference definition', text: (id) => `[ref ${id}][r${id}] [r${id}]: command:workbench.action.files.newUntitledFile` },
  { id: 'H22', kind: 'base and meta', text: (id) => `<base href="https://hostile.example/${id}/"><meta http-equiv="refresh" content="0;url=javascript:${JS(id)}">` },
  { id: 'H23', kind: 'newlines then a block', text: (id) => `line one\n\n[Run ${id}](command:workbench.action.files.newUntitledFile)\n<img src=x onerror="${JS(id)}">` },
  { id: 'H24', kind: 'trailing backslash', text: (id) => `tail ${id}\\` },
  { id: 'H25', kind: 'JSON command-argument breakout', text: (id) => `"]%5D%22,%22${id}%22%5D) "} ] ) %22%29` },
  { id: 'H26', kind: 'object, embed, form', text: (id) => `<object data="javascript:${JS(id)}"></object><embed src="javascript:${JS(id)}"><form action="javascript:${JS(id)}"><button>go</button></form>` },
  { id: 'H27', kind: 'code-span breakout', text: (id) => `\`</code><img src=x onerror="${JS(id)}">\`` },
  { id: 'H28', kind: 'HTML comment breakout', text: (id) => `<!-- --><script>${JS(id)}</script> -->` },
  { id: 'H29', kind: 'SVG animate', text: (id) => `<svg><animate onbegin="${JS(id)}" attributeName="x" dur="1s"></animate></svg>` },
  { id: 'H30', kind: 'scheme case and spacing', text: (id) => `[a](JaVaScRiPt:${JS(id)}) [b](  javascript:${JS(id)}) [c](vbscript:msgbox) <a href=" javascript:${JS(id)}">c</a>` },
  { id: 'H31', kind: 'encoded scheme', text: (id) => `[x](jav&#x09;ascript:${JS(id)}) [y](java%0ascript:${JS(id)}) [z](&#106;avascript:${JS(id)})` },
  { id: 'H32', kind: 'unterminated tag', text: (id) => `<img src=x onerror=${JS(id)}//` },
  { id: 'H33', kind: 'link-title breakout', text: (id) => `[a](https://hostile.example/${id} "t\\" onmouseover=${JS(id)} x=\\"")` },
  { id: 'H34', kind: 'angle-bracket destination', text: (id) => `[a](<javascript:${JS(id)}>) [b](<command:workbench.action.files.newUntitledFile>)` },
  { id: 'H35', kind: 'mutation XSS', text: (id) => `<noscript><p title="</noscript><img src=x onerror=${JS(id)}>"></noscript><template><script>${JS(id)}</script></template>` },
  { id: 'H36', kind: 'autofocus inputs', text: (id) => `<input autofocus onfocus="${JS(id)}"><select autofocus onfocus="${JS(id)}"></select><textarea autofocus onfocus="${JS(id)}"></textarea>` },
  { id: 'H37', kind: 'media handlers', text: (id) => `<video><source onerror="${JS(id)}"></video><audio src=x onerror="${JS(id)}"></audio>` },
  { id: 'H38', kind: 'table and pipe injection', text: (id) => `| a | <img src=x onerror=${JS(id)}> |\n|---|---|\n| ${id} | x |` },
  { id: 'H39', kind: 'editor and file schemes', text: (id) => `[clone](vscode://vscode.git/clone?url=https://hostile.example/${id}) [f](file:///etc/passwd) [i](vscode-insiders://x)` },
  { id: 'H40', kind: 'terminal command link', text: (id) => `[t](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20${ARG(id)}%5Cn%22%7D)` },
  { id: 'H41', kind: 'stylesheet and import links', text: (id) => `<link rel=stylesheet href="https://hostile.example/${id}.css"><link rel=import href="https://hostile.example/${id}.html">` },
  { id: 'H42', kind: 'base64 data object', text: (id) => `<object data="data:text/html;base64,${Buffer.from(`<script>${JS(id)}</script>`).toString('base64')}"></object>` },
  { id: 'H43', kind: 'form actions', text: (id) => `<isindex action="javascript:${JS(id)}" type=image><form><button formaction="javascript:${JS(id)}">x</button></form>` },
  { id: 'H44', kind: 'prototype and template probes', text: (id) => `__proto__ constructor prototype {{7*7}} <%= 7*7 %> #{7*7} ${id}` },
  { id: 'H45', kind: 'combining-mark overload', text: (id) => `Z${'\u0336\u0337\u0338'.repeat(20)}algo ${id}` },
  { id: 'H46', kind: 'one long word', text: (id) => `${id}${'w'.repeat(140)}` },
  { id: 'H47', kind: 'block Markdown', text: (id) => `# Heading ${id}\n---\n> quote **bold** _em_ ~~s~~` },
  { id: 'H48', kind: 'footnote and citation injection', text: (id) => `[^1] [@crs-rl33222] [@x](command:workbench.action.files.newUntitledFile) [^1]: ${id}` },
  { id: 'H49', kind: 'raw-text elements', text: (id) => `<plaintext><xmp></textarea><script>${JS(id)}</script>` },
  { id: 'H50', kind: 'srcset and picture', text: (id) => `<img srcset="https://tracker.hostile.example/${id}.png 1x"><picture><source srcset="https://tracker.hostile.example/${id}b.png"></picture>` },
  { id: 'H51', kind: 'bare scheme and www autolink', text: (id) => `javascript:${JS(id)} www.hostile.example/${id} https://hostile.example/${id}` },
  { id: 'H52', kind: 'full-width lookalike link', text: (id) => `［x］（command:workbench.action.files.newUntitledFile）${id}` },
];

/** Source addresses (the one field a URL goes in). */
const URL_PAYLOADS = [
  { id: 'U01', kind: 'quote in a URL', url: (id) => `https://hostile.example/"onmouseover="${JS(id)}` },
  { id: 'U02', kind: 'Markdown breakout in a URL', url: (id) => `https://hostile.example/x)[P](command:usIsraelReference.search?["${ARG(id)}"]` },
  { id: 'U03', kind: 'tag in a URL', url: (id) => `https://hostile.example/<script>${id}</script>` },
  { id: 'U04', kind: 'backtick and quote in a URL', url: (id) => `https://hostile.example/\`'onfocus='${id}` },
  { id: 'U05', kind: 'backslash userinfo confusion', url: () => 'https://trusted.example\\@hostile.example/' },
  { id: 'U06', kind: 'control character in a URL', url: () => 'https://hostile.example/a\u0001b' },
  { id: 'U07', kind: 'credentials in a URL', url: () => 'https://user:pass@hostile.example/' },
  { id: 'U08', kind: 'loopback address', url: () => 'http://127.0.0.1:8080/admin' },
  { id: 'U09', kind: 'javascript: as a source address', url: (id) => `javascript:${JS(id)}` },
  { id: 'U10', kind: 'upper-case scheme', url: () => 'HTTPS://hostile.example/upper' },
];

module.exports = { TEXT_PAYLOADS, URL_PAYLOADS, MARK };
