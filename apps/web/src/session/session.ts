import { useSyncExternalStore } from 'react';

/** Who is logged in on this tab's device: the access token from POST /api/auth/login. */
export interface Session {
  memberId: string;
  token: string;
  /** Epoch ms after which the token is no longer accepted. */
  expiresAt: number;
}

const STORAGE_KEY = 'civic.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Session;
    return typeof value.token === 'string' && value.expiresAt > Date.now() ? value : null;
  } catch {
    return null;
  }
}

function write(session: Session | null): void {
  current = session;
  try {
    if (session) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

export const session = {
  get: (): Session | null => (current && current.expiresAt > Date.now() ? current : null),
  start: (memberId: string, token: string, expiresInSeconds: number) =>
    write({ memberId, token, expiresAt: Date.now() + expiresInSeconds * 1000 }),
  end: () => write(null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get, () => null);
}
