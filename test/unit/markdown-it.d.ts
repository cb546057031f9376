// The few parts of markdown-it (a dev dependency, untyped here) that test/unit/hostile.test.ts uses.
declare module 'markdown-it' {
  interface Token {
    type: string;
    content: string;
    children: Token[] | null;
    attrGet(name: string): string | null;
  }
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    parse(source: string, env: object): Token[];
  }
}
