/**
 * True for an absolute http or https address, the only kind the reference links to and the
 * only kind the panel may ask the extension to open. Shared by the renderers and the message
 * validator so both sides apply the same rule.
 *
 * @example
 *   isWebUrl('https://www.congress.gov/') // => true
 *   isWebUrl('javascript:alert(1)')       // => false
 */
export function isWebUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}
