/** Secrets masked before any cut, base URLs made safe, link parameters capped (issue 11, part 5). */
import { describe, expect, it } from 'vitest';
import {
  BASE_URL_PARAMS,
  clip,
  maskKnownSecrets,
  maskSecrets,
  MAX_BASE_URL_CHARS,
  REDACTED,
  safeBaseUrl,
  showBaseUrl,
} from '../../src/shared/secrets';
import { MAX_SEED_CHARS } from '../../src/core/sim';
import { buildShareUrl, parseShareParams } from '../../src/ui/share';
import { loadSettings, saveSettings, DEFAULT_SETTINGS } from '../../src/state/engine/settings';
import type { KeyValueStore } from '../../src/state/ports';

const KEY = 'plainkey-0123456789abcdefghijklmnopqrstuvwxyz';

/** No 8 characters in a row of `secret` appear in `text`. */
function leaksNothing(text: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
}

describe('maskSecrets', () => {
  it('masks a known key wherever it stands, and credential-looking values by name', () => {
    const text =
      `Authorization: Bearer ${KEY}; x-api-key: abcdef123456 password=hunter22 ` +
      `"token": "tok_999999" url https://bob:pw123@host/v1?code=c0de&session=s355&ok=1`;
    const out = maskSecrets(text, [KEY]);
    for (const s of [KEY, 'abcdef123456', 'hunter22', 'tok_999999', 'pw123', 'c0de', 's355'])
      expect(out).not.toContain(s);
    expect(out).toContain('Bearer [redacted]');
    expect(out).toContain('ok=1');
  });

  it('keeps ordinary prose ("error code: 500") and keeps JSON text parseable', () => {
    expect(maskSecrets('error code: 500, retry later')).toBe('error code: 500, retry later');
    const json = JSON.stringify({ api_key: 'sk-abcdefghijklmnopqrstuv', note: 'fine' });
    const masked = maskSecrets(json);
    expect(JSON.parse(masked)).toEqual({ api_key: REDACTED, note: 'fine' });
  });

  it('maskKnownSecrets touches only the known keys (data reads back unchanged)', () => {
    const data = JSON.stringify({ prose: 'my password: none', k: KEY });
    expect(JSON.parse(maskKnownSecrets(data, [KEY]))).toEqual({
      prose: 'my password: none',
      k: REDACTED,
    });
    // Too short to be a key: not masked (it would mask ordinary words).
    expect(maskKnownSecrets('the cat', ['cat'])).toBe('the cat');
  });
});

describe('clip masks before it cuts', () => {
  it('a key that starts just before the cut leaves no part of itself', () => {
    const text = `${'x'.repeat(280)} Authorization: Bearer ${KEY} end`;
    const cut = clip(text, 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.endsWith('…')).toBe(true);
    leaksNothing(cut, KEY);
    // A bare key (no name before it) past the cut: the wrong order (cut, then mask) would leak.
    const bare = `${'x'.repeat(280)} ${KEY}`;
    expect(maskSecrets(bare.slice(0, 299), [KEY])).toContain(KEY.slice(0, 8));
    leaksNothing(clip(bare, 300, [KEY]), KEY);
  });

  it('short text is returned masked, not cut', () => {
    expect(clip(`key ${KEY}`, 300, [KEY])).toBe(`key ${REDACTED}`);
  });
});

describe('safeBaseUrl', () => {
  it('drops userinfo, the fragment and every query parameter off the allow-list', () => {
    const url =
      'https://user:pw@llm.example.com/v1?api-version=2024-06-01&pwd=1&code=2&session=3&api_key=4&x=5#frag';
    const safe = safeBaseUrl(url);
    expect(safe).toBe('https://llm.example.com/v1?api-version=2024-06-01');
    expect(BASE_URL_PARAMS).toEqual(['api-version']);
  });

  it('refuses what is not an http(s) URL, or is too long', () => {
    expect(safeBaseUrl('javascript:alert(1)')).toBeNull();
    expect(safeBaseUrl('not a url')).toBeNull();
    expect(safeBaseUrl(`http://h/${'a'.repeat(MAX_BASE_URL_CHARS)}`)).toBeNull();
    expect(showBaseUrl('ftp://x')).toBe('(not a valid http(s) URL)');
  });
});

describe('the share link and the saved settings', () => {
  it('a 12,000-character seed is cut to MAX_SEED_CHARS when a link is read', () => {
    const p = parseShareParams(`?seed=${'s'.repeat(12_000)}&persona=${'p'.repeat(5_000)}`);
    expect(p.seed?.length).toBe(MAX_SEED_CHARS);
    expect((p.personaId ?? '').length).toBeLessThanOrEqual(200);
  });

  it('a share link carries a safe base URL and a capped seed', () => {
    const link = buildShareUrl(
      'http://localhost:5173/',
      {
        selection: { personaId: 'aisha-bello', assistantId: 'propera', seed: 'z'.repeat(5_000) },
        speed: 64,
      },
      { engine: 'openai', baseUrl: 'http://me:pw@h:1/v1?session=abc&pwd=1', model: 'm' },
    );
    const q = new URL(link).searchParams;
    expect(q.get('seed')?.length).toBe(MAX_SEED_CHARS);
    expect(q.get('baseUrl')).toBe('http://h:1/v1');
    expect(link).not.toContain('pw');
    expect(link).not.toContain('abc');
  });

  it('settings saved on the device keep no credentials in the base URL', () => {
    const kept = new Map<string, string>();
    const local: KeyValueStore = {
      get: (k) => kept.get(k) ?? null,
      set: (k, v) => {
        kept.set(k, v);
        return true;
      },
      remove: (k) => void kept.delete(k),
    };
    saveSettings(local, {
      ...DEFAULT_SETTINGS,
      openai: { ...DEFAULT_SETTINGS.openai, baseUrl: 'https://u:secretpw@h/v1?pwd=zz9&code=qq1' },
    });
    const text = [...kept.values()].join('\n');
    for (const s of ['secretpw', 'zz9', 'qq1']) expect(text).not.toContain(s);
    expect(loadSettings(local).openai.baseUrl).toBe('https://h/v1');
  });
});
