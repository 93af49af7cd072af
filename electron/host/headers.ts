/**
 * Headers on every HTTP answer. The renderer build ships only external
 * scripts and stylesheets, so the policy needs no 'unsafe-inline':
 * - React applies the `style` prop through the CSSOM (element.style), which CSP
 *   does not govern; only <style> elements and style="" markup are blocked.
 * - Radix Toast (the only Radix primitive the shell uses) positions itself the
 *   same way and injects no <style> element. Radix Dialog's scroll lock
 *   (react-remove-scroll) does inject one: whoever adds dialogs must give it a
 *   nonce or a stylesheet rather than loosen this policy.
 * The e2e suite fails on any CSP violation, which keeps this claim honest.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
