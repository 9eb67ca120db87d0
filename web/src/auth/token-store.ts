import { useSyncExternalStore } from 'react';

/**
 * The session token from signIn/signUp. The gateway authenticates with `Authorization: Bearer`
 * only (it sets no httpOnly cookie), so the token lives in localStorage to survive a reload and
 * serve every tab; the app's CSP (scripts from 'self' only, no inline script) is what keeps
 * other scripts from reading it.
 */
const KEY = 'studbook.sessionToken';
const listeners = new Set<() => void>();

export function sessionToken(): string | null {
  return localStorage.getItem(KEY);
}

export function setSessionToken(token: string | null): void {
  if (token === null) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, token);
  for (const listener of listeners) listener();
}

export function useSessionToken(): string | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, sessionToken);
}
