import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMetadata } from '@xlgl/api';
import { enterpriseCase } from '@xlgl/api/testing';
import type { DatabaseHandle } from '@xlgl/db';
import { openTestDatabase, testDatabaseKinds } from '@xlgl/db/testing';
import { repositoryRoot } from './config.js';
import { Client, kill, startServer, type Server } from './test-server.js';

const metadataDir = join(repositoryRoot, 'metadata');

describe.runIf(testDatabaseKinds().includes('postgres'))('two server processes on one PostgreSQL database', () => {
  let handle: DatabaseHandle;
  const servers: Server[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
    await importMetadata(handle.db, metadataDir, { actor: 'system' });
    servers.push(...(await Promise.all([startServer(handle.url!, metadataDir), startServer(handle.url!, metadataDir)])));
  }, 180_000);
  afterAll(async () => {
    for (const server of servers) await kill(server);
    await handle?.close();
  });

  it('a new task created through one server pops up in a browser connected to the other (LISTEN/NOTIFY)', async () => {
    const [first, second] = servers as [Server, Server];
    const window = Object.assign(new Client(), { base: first.base });
    const approver = Object.assign(new Client(), { base: second.base });
    await window.signIn('lg.window');
    await approver.signIn('lg.approver');
    const events = await approver.stream('desk.events');
    try {
      await expect.poll(() => events.text(), { timeout: 10_000 }).toContain('connected');
      const created = await window.mutate<{ caseId: string; number: string }>('desk.accept', enterpriseCase);
      await expect.poll(() => events.text(), { timeout: 10_000 }).toContain(`新待办：企业设立登记（${created.number}）`);
    } finally {
      events.close();
    }
  });
});
