/**
 * The one rule for the web addresses the reference links to, applied by the build validator,
 * the renderers, the panel's message validator and the command that opens a link. Every side
 * reads an address through the same WHATWG parse and then uses only the re-serialised `href`,
 * so no second parser (VS Code's `Uri.parse`, a Markdown renderer) can read another host into it.
 */

/** Longer addresses are refused: no source needs one, and a huge one only costs time. */
export const MAX_URL_LENGTH = 2048;

/** The normalised address, or why it is refused (in words, for a validation message). */
export type WebUrlCheck = { ok: true; href: string } | { ok: false; reason: string };

// C0 controls, DEL, C1 controls, and the invisible and direction-changing characters that would
// make an address read differently from what it opens.
const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet', '.corp'];

/**
 * Parses a web address the way every part of the extension must read it. Accepts only
 * `http://` or `https://` (lower case, with both slashes), a public host name or address, no
 * user name or password, no backslash, whitespace or control character; returns the
 * normalised `href`, or the reason for refusing it.
 *
 * @example
 *   checkWebUrl('https://www.congress.gov')                    // => { ok: true, href: 'https://www.congress.gov/' }
 *   checkWebUrl('https://trusted.example\\@evil.example/').ok  // => false (backslash)
 *   checkWebUrl('http://localhost:8080/').ok                   // => false (local host)
 */
export function checkWebUrl(raw: unknown): WebUrlCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'is not text' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: `is longer than ${MAX_URL_LENGTH} characters` };
  if (!raw.startsWith('https://') && !raw.startsWith('http://')) return { ok: false, reason: 'must start with "https://" or "http://"' };
  if (CONTROL_OR_INVISIBLE.test(raw)) return { ok: false, reason: 'contains a control or invisible character' };
  if (/\s/u.test(raw)) return { ok: false, reason: 'contains whitespace' };
  if (raw.includes('\\')) return { ok: false, reason: 'contains a backslash, which parsers read differently' };
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not a valid web address' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'must be http or https' };
  // "@" anywhere before the host is a user name, even an empty one ("https://@evil.example").
  const authority = raw.slice(raw.indexOf('//') + 2).split(/[/?#]/, 1)[0];
  if (parsed.username !== '' || parsed.password !== '' || authority.includes('@')) return { ok: false, reason: 'must not carry a user name or password' };
  const localReason = localHostReason(parsed.hostname);
  if (localReason) return { ok: false, reason: localReason };
  return { ok: true, href: parsed.href };
}

/**
 * The normalised address to render and open, or `undefined` when the address is refused.
 *
 * @example
 *   webHref('https://www.congress.gov') // => 'https://www.congress.gov/'
 *   webHref('javascript:alert(1)')      // => undefined
 */
export function webHref(raw: unknown): string | undefined {
  const check = checkWebUrl(raw);
  return check.ok ? check.href : undefined;
}

/**
 * True for an address `checkWebUrl` accepts: the only kind the reference links to and the only
 * kind the panel may ask the extension to open.
 *
 * @example
 *   isWebUrl('https://www.congress.gov/') // => true
 *   isWebUrl('javascript:alert(1)')       // => false
 */
export function isWebUrl(url: unknown): boolean {
  return checkWebUrl(url).ok;
}

/** Why a host is not a public one, or `undefined` when it is. Reads the host as WHATWG normalised it. */
function localHostReason(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return 'has no host';
  if (host.startsWith('[')) return isPublicIpv6(host.slice(1, -1)) ? undefined : 'points at a loopback, private or local address';
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ipv4) return isPublicIpv4(ipv4.slice(1).map(Number)) ? undefined : 'points at a loopback, private or local address';
  if (host === 'localhost' || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'points at a local host name';
  if (!host.includes('.')) return 'has a host without a domain (an intranet or local name)';
  return undefined;
}

function isPublicIpv4([a, b]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false; // this network, private, loopback, multicast and reserved
  if (a === 169 && b === 254) return false; // link-local
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  return true;
}

function isPublicIpv6(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === '::' || lower === '::1') return false;
  // IPv4-mapped and -compatible forms carry an IPv4 address; WHATWG writes them in hex ("::ffff:7f00:1").
  const mapped = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped) {
    const high = parseInt(mapped[1], 16);
    const low = parseInt(mapped[2], 16);
    return isPublicIpv4([high >> 8, high & 255, low >> 8, low & 255]);
  }
  const first = parseInt(lower.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((first & 0xff00) === 0xff00) return false; // multicast
  return true;
}
