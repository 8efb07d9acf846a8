import { fileURLToPath } from 'node:url';
import type { DatabaseHandle, DatabaseKind, Db } from '@xlgl/db';
import { openTestDatabase } from '@xlgl/db/testing';
import { csrfCookieName } from '../auth/cookies.js';
import { createContext } from '../context.js';
import { importMetadata } from '../metadata/import-export.js';
import { appRouter } from '../routers/app.js';
import { createCallerFactory } from '../trpc.js';

/** The small metadata set the API tests run on (two centres, a department, a window, three roles, four users). */
export const fixtureMetadataDir = fileURLToPath(new URL('../test-fixtures/metadata', import.meta.url));

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export type TestClientOptions = {
  ip?: string;
  userAgent?: string;
  /** `auto` sends the CSRF cookie's value as header (what the web app does); `none` sends none; a string sends that. */
  csrf?: 'auto' | 'none' | string;
};

/** A browser-like client: a cookie jar plus a caller that builds a fresh request context for every call. */
export type TestClient = {
  api: Caller;
  cookies: Map<string, string>;
  options: Required<TestClientOptions>;
};

export type TestApp = {
  kind: DatabaseKind;
  handle: DatabaseHandle;
  db: Db;
  /** A new anonymous client. */
  client: (options?: TestClientOptions) => TestClient;
  /** A new client signed in as `account` (password defaults to the demo password). */
  signIn: (account: string, password?: string, options?: TestClientOptions) => Promise<TestClient>;
  /** Fixes the clock (`null` for the real one). */
  setNow: (now: Date | null) => void;
  close: () => Promise<void>;
};

function applySetCookie(jar: Map<string, string>, header: string): void {
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const index = pair!.indexOf('=');
  const name = pair!.slice(0, index);
  const value = decodeURIComponent(pair!.slice(index + 1));
  const expired = attributes.some((attribute) => attribute.toLowerCase() === 'max-age=0');
  if (expired) jar.delete(name);
  else jar.set(name, value);
}

/**
 * A test runtime: a fresh migrated database (in-memory PGlite, or a fresh PostgreSQL database when
 * `kind` is `postgres`) with the fixture metadata (or `metadataDir`) imported, and clients that call
 * the real router through `createCaller`.
 */
export async function createTestApp(options: { kind?: DatabaseKind; metadataDir?: string } = {}): Promise<TestApp> {
  const kind = options.kind ?? 'pglite';
  const handle = await openTestDatabase(kind);
  await importMetadata(handle.db, options.metadataDir ?? fixtureMetadataDir, { actor: 'test' });
  let fixedNow: Date | null = null;
  const now = () => (fixedNow ? new Date(fixedNow) : new Date());

  const client = (clientOptions: TestClientOptions = {}): TestClient => {
    const cookies = new Map<string, string>();
    const resolved: Required<TestClientOptions> = {
      ip: clientOptions.ip ?? '10.0.0.1',
      userAgent: clientOptions.userAgent ?? 'vitest',
      csrf: clientOptions.csrf ?? 'auto',
    };
    const api = createCaller(() =>
      createContext({
        db: handle.db,
        databaseKind: handle.kind,
        request: {
          ip: resolved.ip,
          userAgent: resolved.userAgent,
          cookies: Object.fromEntries(cookies),
          csrfHeader: resolved.csrf === 'auto' ? (cookies.get(csrfCookieName) ?? null) : resolved.csrf === 'none' ? null : resolved.csrf,
          secure: false,
        },
        appendSetCookie: (header) => applySetCookie(cookies, header),
        now,
      }),
    );
    return { api, cookies, options: resolved };
  };

  return {
    kind,
    handle,
    db: handle.db,
    client,
    async signIn(account, password = 'Xlgl@2026', clientOptions) {
      const signedIn = client(clientOptions);
      // The first request hands out the CSRF cookie, as the SPA's first `auth.me` does.
      await signedIn.api.auth.me();
      await signedIn.api.auth.signIn({ account, password });
      return signedIn;
    },
    setNow(value) {
      fixedNow = value;
    },
    close: () => handle.close(),
  };
}
