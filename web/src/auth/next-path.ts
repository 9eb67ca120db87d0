/**
 * Where to go after signing in: only a path of this app (`/x`, never `//host` or `https://…`), so a
 * crafted sign-in link cannot send a freshly signed-in user to another site.
 */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
