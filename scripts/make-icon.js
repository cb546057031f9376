#!/usr/bin/env node
// Draws media/icon.png, the 128×128 icon the Marketplace and the Extensions view show (they take
// PNG, not SVG). The drawing is the SVG below: an open reference book in white on a navy tile
// with rounded corners, over "US · IL". Its own background keeps it legible on light and dark
// themes alike. Rendered in headless Chromium, the same browser the test rigs use:
//
//   node scripts/make-icon.js        (rewrites media/icon.png; commit the result)
'use strict';
const fs = require('fs');
const path = require('path');
const { requireChromium, launchChromium } = require('../test/rig/chromium');

const SIZE = 128;
const NAVY = '#1d3557';
const SVG = `
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <rect x="2" y="2" width="124" height="124" rx="22" fill="${NAVY}"/>
  <!-- the two pages of an open book, meeting at the spine -->
  <path d="M64 34 C52 26 36 24 22 27 L22 83 C36 80 52 82 64 90 Z" fill="#ffffff"/>
  <path d="M64 34 C76 26 92 24 106 27 L106 83 C92 80 76 82 64 90 Z" fill="#e3ecf6"/>
  <!-- lines of text on each page -->
  <g stroke="${NAVY}" stroke-width="3" stroke-linecap="round" opacity="0.55">
    <path d="M31 42 C38 41 46 42 55 45"/><path d="M31 53 C38 52 46 53 55 56"/><path d="M31 64 C38 63 46 64 55 67"/>
    <path d="M73 45 C82 42 90 41 97 42"/><path d="M73 56 C82 53 90 52 97 53"/><path d="M73 67 C82 64 90 63 97 64"/>
  </g>
  <text x="64" y="113" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"
        font-size="19" font-weight="700" letter-spacing="1.5" fill="#ffffff">US · IL</text>
</svg>`;

async function main() {
  const out = path.join(__dirname, '..', 'media', 'icon.png');
  const browser = await launchChromium(requireChromium());
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${SVG}</body></html>`);
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
