/**
 * Decides whether a caller's frame is the app's own. Electron passes the
 * sender frame's URL and whether it is the top frame; anything else (an
 * iframe, a navigated-away page, a devtools extension) is refused.
 */
export interface SenderInfo {
  url: string | undefined;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo, appOrigin: string): boolean {
  if (!sender.isMainFrame || !sender.url) return false;
  const actual = originOf(sender.url);
  return actual !== undefined && actual === originOf(appOrigin);
}

/** URL.origin is "null" for custom schemes such as app://, so compare scheme and host ourselves. */
function originOf(s: string): string | undefined {
  try {
    const url = new URL(s);
    return `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}
