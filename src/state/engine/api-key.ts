/**
 * The API key, kept apart from the other settings: for this tab (session
 * storage), or on this device when the person asks to be remembered (local
 * storage), tied to the server's origin so a link to another server never
 * receives it. It is never put in a URL, an export or a log.
 */
import type { KeyValueStore } from '../ports';

const API_KEY_KEY = 'propersim.engine.apiKey';

/** Where keys may be kept: this device and this tab (either may be blocked). */
export interface KeyStores {
  local: KeyValueStore | null;
  session: KeyValueStore | null;
}

interface SavedKey {
  origin: string;
  key: string;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function readSaved(storage: KeyValueStore | null): SavedKey | null {
  try {
    const text = storage?.get(API_KEY_KEY);
    if (!text) return null;
    const v = JSON.parse(text) as Partial<SavedKey> | null;
    return v && typeof v.origin === 'string' && typeof v.key === 'string'
      ? { origin: v.origin, key: v.key }
      : null;
  } catch {
    return null;
  }
}

/** The key kept for the server at `baseUrl` (same origin only), and whether it is remembered here. */
export function readApiKey(
  stores: KeyStores,
  baseUrl: string,
): { key: string; remembered: boolean } | null {
  const origin = originOf(baseUrl);
  if (!origin) return null;
  const session = readSaved(stores.session);
  if (session && session.origin === origin) return { key: session.key, remembered: false };
  const local = readSaved(stores.local);
  if (local && local.origin === origin) return { key: local.key, remembered: true };
  return null;
}

/** Is a key remembered on this device (for any server)? */
export function hasRememberedKey(stores: KeyStores): boolean {
  return readSaved(stores.local) !== null;
}

/**
 * Keep the key for this tab, or on this device when `remember`; an empty
 * key forgets it. Unticking "remember" removes it from the device.
 */
export function storeApiKey(
  stores: KeyStores,
  key: string,
  baseUrl: string,
  remember: boolean,
): void {
  const origin = originOf(baseUrl);
  const trimmed = key.trim();
  if (!remember) stores.local?.remove(API_KEY_KEY);
  if (!trimmed || !origin) {
    stores.session?.remove(API_KEY_KEY);
    if (remember) stores.local?.remove(API_KEY_KEY);
    return;
  }
  const value = JSON.stringify({ origin, key: trimmed } satisfies SavedKey);
  if (remember) {
    stores.local?.set(API_KEY_KEY, value);
    stores.session?.remove(API_KEY_KEY);
  } else {
    stores.session?.set(API_KEY_KEY, value);
  }
}

export function forgetApiKey(stores: KeyStores): void {
  stores.local?.remove(API_KEY_KEY);
  stores.session?.remove(API_KEY_KEY);
}
