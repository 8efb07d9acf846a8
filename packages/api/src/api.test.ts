import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { accounts, auditLog, sessions, signInAttempts, verifyAuditChain } from '@xlgl/db';
import { housekeeping } from './services/housekeeping.js';
import { createTestApp, refusal, testDatabaseKinds, type TestApp } from './testing/index.js';
import { appRouter } from './routers/app.js';
import { createCallerFactory, procedure, router, type ProcedureMeta } from './trpc.js';

/** Calls a procedure by its dotted path with the given input. */
function callByPath(api: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<any>((node, key) => node[key], api);
  return fn(input);
}

describe.each(testDatabaseKinds())('api on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ kind });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('sign-in', () => {
    it('signs in with the demo password and returns the current user', async () => {
      const client = await app.signIn('lg.window');
      expect(client.cookies.get('xlgl_session')).toBeTruthy();
      expect(await client.api.auth.me()).toEqual({
        id: 'lg.window',
        account: 'lg.window',
        name: '乌兰',
        organizationId: 'org-lg-window',
        organizationName: '盟中心综合受理窗口',
        centreId: 'org-lg-centre',
        centreName: '锡林郭勒盟政务服务中心',
        regionCode: '152500',
        regionName: '锡林郭勒盟',
        regionLevel: 'league',
        roleIds: ['role-window'],
        roleNames: ['窗口人员'],
        capabilities: ['desk.access', 'desk.accept'],
      });
    });

    it('returns null for an anonymous caller and hands out a CSRF cookie', async () => {
      const client = app.client();
      expect(await client.api.auth.me()).toBeNull();
      expect(client.cookies.get('xlgl_csrf')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    });

    it('refuses a wrong password and an unknown account with the same message', async () => {
      const client = app.client({ ip: '10.1.0.1' });
      await client.api.auth.me();
      expect(await refusal(client.api.auth.signIn({ account: 'admin', password: 'wrong-pass1' }))).toEqual({
        code: 'UNAUTHORIZED',
        message: '账号或密码错误',
      });
      expect(await refusal(client.api.auth.signIn({ account: 'nobody', password: 'wrong-pass1' }))).toEqual({
        code: 'UNAUTHORIZED',
        message: '账号或密码错误',
      });
      expect(await refusal(client.api.auth.signIn({ account: 'no.password', password: 'Xlgl@2026' }))).toEqual({
        code: 'UNAUTHORIZED',
        message: '账号或密码错误',
      });
      expect(await client.api.auth.me()).toBeNull();
    });

    it('locks an account after 5 wrong passwords, then unlocks after 15 minutes', async () => {
      const start = new Date('2026-03-02T02:00:00Z');
      app.setNow(start);
      try {
        const client = app.client({ ip: '10.2.0.1' });
        await client.api.auth.me();
        for (let attempt = 1; attempt <= 4; attempt += 1) {
          expect((await refusal(client.api.auth.signIn({ account: 'lg.viewer', password: `bad${attempt}xx` }))).message).toBe('账号或密码错误');
        }
        expect(await refusal(client.api.auth.signIn({ account: 'lg.viewer', password: 'bad5xxxx' }))).toEqual({
          code: 'TOO_MANY_REQUESTS',
          message: '账号或密码错误；已连续5次错误，账号锁定15分钟',
        });
        // Even the right password is refused while locked (10:15 Beijing time = 02:15Z).
        expect(await refusal(client.api.auth.signIn({ account: 'lg.viewer', password: 'Xlgl@2026' }))).toEqual({
          code: 'TOO_MANY_REQUESTS',
          message: '账号“lg.viewer”因连续5次密码错误已被锁定，请于10:15后再试，或联系系统管理员重置密码',
        });
        app.setNow(new Date(start.getTime() + 16 * 60_000));
        const result = await client.api.auth.signIn({ account: 'lg.viewer', password: 'Xlgl@2026' });
        expect(result.user.account).toBe('lg.viewer');
        const [row] = await app.db.select().from(accounts).where(eq(accounts.userId, 'lg.viewer'));
        expect(row?.failedCount).toBe(0);
      } finally {
        app.setNow(null);
      }
    });

    it('refuses a client address after 30 failed sign-ins, whatever the account', async () => {
      const client = app.client({ ip: '10.3.0.1' });
      await client.api.auth.me();
      for (let attempt = 0; attempt < 30; attempt += 1) {
        await refusal(client.api.auth.signIn({ account: `ghost${attempt}`, password: 'whatever1' }));
      }
      expect(await refusal(client.api.auth.signIn({ account: 'admin', password: 'Xlgl@2026' }))).toEqual({
        code: 'TOO_MANY_REQUESTS',
        message: '此地址登录失败次数过多，请15分钟后再试',
      });
      // Another address is not affected.
      const other = await app.signIn('admin', 'Xlgl@2026', { ip: '10.3.0.2' });
      expect((await other.api.auth.me())?.account).toBe('admin');
    });

    it('expires a session after 8 idle hours and signs out', async () => {
      const start = new Date();
      app.setNow(start);
      try {
        const client = await app.signIn('lg.window');
        app.setNow(new Date(start.getTime() + 7 * 3600_000));
        expect((await client.api.auth.me())?.id).toBe('lg.window');
        // Activity slid the expiry: 7 h later it is still alive, 8 h more and it is gone.
        app.setNow(new Date(start.getTime() + 14 * 3600_000));
        expect((await client.api.auth.me())?.id).toBe('lg.window');
        app.setNow(new Date(start.getTime() + 22 * 3600_000 + 1000));
        expect(await client.api.auth.me()).toBeNull();
        expect(client.cookies.has('xlgl_session')).toBe(false);
      } finally {
        app.setNow(null);
      }
      const client = await app.signIn('lg.window');
      await client.api.auth.signOut();
      expect(client.cookies.has('xlgl_session')).toBe(false);
      expect(await client.api.auth.me()).toBeNull();
    });
  });

  it('housekeeping deletes expired sessions and old sign-in attempts', async () => {
    const client = await app.signIn('lg.window');
    const later = new Date(Date.now() + 100 * 86_400_000);
    await housekeeping(app.db, later);
    expect(await app.db.select().from(sessions)).toEqual([]);
    expect(await app.db.select().from(signInAttempts)).toEqual([]);
    expect(await client.api.auth.me()).toBeNull();
  });

  describe('CSRF', () => {
    it('refuses mutations without the token or with a wrong one, and allows queries', async () => {
      const signedIn = await app.signIn('admin');
      const session = signedIn.cookies.get('xlgl_session')!;
      const csrf = signedIn.cookies.get('xlgl_csrf')!;
      for (const header of ['none', 'forged-token-value']) {
        const attacker = app.client({ csrf: header });
        attacker.cookies.set('xlgl_session', session);
        attacker.cookies.set('xlgl_csrf', csrf);
        expect((await attacker.api.auth.me())?.id).toBe('admin');
        expect(await refusal(attacker.api.admin.users.resetPassword({ userId: 'lg.window', password: 'Hacked2026' }))).toEqual({
          code: 'FORBIDDEN',
          message: '安全校验失败：请求缺少有效的CSRF令牌，请刷新页面后重试',
        });
      }
      // A header that matches a cookie the attacker planted but not the session's token is refused too.
      const planted = app.client({ csrf: 'planted-token' });
      planted.cookies.set('xlgl_session', session);
      planted.cookies.set('xlgl_csrf', 'planted-token');
      expect((await refusal(planted.api.auth.signOut())).code).toBe('FORBIDDEN');
      // Sign-in itself is a mutation: without the cookie handed out first it is refused.
      const fresh = app.client();
      expect((await refusal(fresh.api.auth.signIn({ account: 'admin', password: 'Xlgl@2026' }))).code).toBe('FORBIDDEN');
    });
  });

  describe('default deny', () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: ProcedureMeta } }>);

    it('every procedure declares who may call it', () => {
      expect(procedures.length).toBeGreaterThan(10);
      const undeclared = procedures.filter(([, proc]) => !proc._def.meta?.access).map(([path]) => path);
      expect(undeclared).toEqual([]);
    });

    it('refuses anonymous callers everywhere except public procedures', async () => {
      const anonymous = app.client();
      await anonymous.api.auth.me();
      for (const [path, proc] of procedures) {
        if (proc._def.meta?.access === 'public') continue;
        expect({ path, ...(await refusal(callByPath(anonymous.api, path, {}))) }).toEqual({ path, code: 'UNAUTHORIZED', message: '请先登录' });
      }
    });

    it('refuses a user without the capability', async () => {
      const window = await app.signIn('lg.window');
      const held = new Set((await window.api.auth.me())!.capabilities as string[]);
      for (const [path, proc] of procedures) {
        const access = proc._def.meta?.access;
        if (access === 'public' || access === 'signed-in' || (access && held.has(access))) continue;
        const refused = await refusal(callByPath(window.api, path, {}));
        expect({ path, code: refused.code }).toEqual({ path, code: 'FORBIDDEN' });
        expect(refused.message).toMatch(/^没有权限：此操作需要“.+”权限$/);
      }
    });

    it('refuses a procedure that declares nothing', async () => {
      const undeclared = router({ secret: procedure.query(() => 'leaked') });
      const admin = await app.signIn('admin');
      const ctx = {
        db: app.db,
        databaseKind: app.kind,
        user: (await admin.api.auth.me())!,
        session: null,
        request: { ip: '127.0.0.1', userAgent: 'vitest', cookies: {}, csrfHeader: null, secure: false },
        setCookie: () => {},
        now: () => new Date(),
      };
      expect(await refusal(createCallerFactory(undeclared)(ctx).secret())).toEqual({
        code: 'FORBIDDEN',
        message: '接口“secret”未声明访问权限，已拒绝',
      });
    });
  });

  describe('administration', () => {
    it('lists, gets and builds trees', async () => {
      const admin = await app.signIn('admin');
      const organizations = await admin.api.admin.documents.list({ kind: 'organization', page: 1, pageSize: 2 });
      expect(organizations.total).toBe(4);
      expect(organizations.rows.map((row) => row.document.id)).toEqual(['org-lg-centre', 'org-lg-samr']);
      expect(organizations.rows[0]!.updatedBy).toBe('test');
      const children = await admin.api.admin.documents.list({ kind: 'organization', page: 1, pageSize: 20, parentId: 'org-lg-centre' });
      expect(children.rows.map((row) => row.document.id)).toEqual(['org-lg-samr', 'org-lg-window']);
      const search = await admin.api.admin.documents.list({ kind: 'user', page: 1, pageSize: 20, search: '乌兰' });
      expect(search.rows.map((row) => row.document.id)).toEqual(['lg.window']);
      const byOrganization = await admin.api.admin.documents.list({ kind: 'user', page: 1, pageSize: 20, organizationId: 'org-lg-samr' });
      expect(byOrganization.rows.map((row) => row.document.id)).toEqual(['lg.viewer', 'no.password']);
      expect(await admin.api.admin.documents.get({ kind: 'role', id: 'role-window' })).toMatchObject({ name: '窗口人员', version: 1 });
      expect(await refusal(admin.api.admin.documents.get({ kind: 'role', id: 'role-none' }))).toEqual({ code: 'NOT_FOUND', message: '角色“role-none”不存在' });

      expect(await admin.api.admin.regions.tree()).toEqual([
        {
          code: '152500',
          name: '锡林郭勒盟',
          level: 'league',
          children: [
            {
              code: '152502',
              name: '锡林浩特市',
              level: 'banner',
              children: [{ code: '152502001', name: '希日塔拉街道', level: 'township', children: [] }],
            },
          ],
        },
      ]);
      const tree = await admin.api.admin.organizations.tree();
      expect(tree.map((node) => [node.id, node.children.map((child) => child.id)])).toEqual([
        ['org-lg-centre', ['org-lg-samr', 'org-lg-window']],
        ['org-xl-centre', []],
      ]);
    });

    it('saves with validation and reference checks, and removes only unreferenced documents', async () => {
      const admin = await app.signIn('admin');
      const user = {
        kind: 'user',
        id: 'xl.window',
        schemaVersion: 1,
        account: 'xl.window',
        name: '其其格',
        organizationId: 'org-xl-centre',
        roleIds: ['role-window', 'role-missing'],
      };
      expect(await refusal(admin.api.admin.documents.save({ document: user }))).toEqual({
        code: 'BAD_REQUEST',
        message: '用户“其其格”（xl.window）引用了不存在的文档：角色第2项：引用的角色“role-missing”不存在',
      });
      // The words are for people; the machine path stays on the issue (logs, tooling, placing it on a field).
      const rejected = await admin.api.admin.documents.save({ document: user }).catch((error: unknown) => error);
      expect((rejected as { cause?: { issues?: unknown } }).cause?.issues).toEqual([{ path: ['roleIds', 1], message: '引用的角色“role-missing”不存在', where: '角色第2项' }]);
      expect(await refusal(admin.api.admin.documents.save({ document: { ...user, roleIds: [], account: 'X' } }))).toEqual({
        code: 'BAD_REQUEST',
        message: '文档校验未通过：账号须以小写字母开头，3–32位小写字母、数字、点、下划线或连字符；用户至少要有一个角色',
      });
      expect(await refusal(admin.api.admin.documents.save({ document: { ...user, roleIds: ['role-window'], account: 'admin' } }))).toEqual({
        code: 'CONFLICT',
        message: '账号“admin”已被用户“admin”使用，请换一个账号',
      });
      expect(await refusal(admin.api.admin.documents.save({ document: { kind: 'item', id: 'x' } }))).toEqual({
        code: 'BAD_REQUEST',
        message: '系统管理不能保存“item”类型的文档',
      });

      const saved = await admin.api.admin.documents.save({ document: { ...user, roleIds: ['role-window'] }, mode: 'create' });
      expect(saved).toMatchObject({ id: 'xl.window', version: 1, active: true, postIds: [] });
      const again = await admin.api.admin.documents.save({ document: { ...saved, name: '其其格2' }, mode: 'update' });
      expect(again).toMatchObject({ version: 2, name: '其其格2' });
      expect(await refusal(admin.api.admin.documents.save({ document: saved, mode: 'create' }))).toEqual({
        code: 'CONFLICT',
        message: '用户标识“xl.window”已存在，请换一个标识',
      });

      // A cycle in the organisation tree is refused.
      const centre = await admin.api.admin.documents.get({ kind: 'organization', id: 'org-lg-centre' });
      expect(await refusal(admin.api.admin.documents.save({ document: { ...centre, type: 'department', parentId: 'org-lg-samr' } }))).toEqual({
        code: 'BAD_REQUEST',
        message: '组织机构“锡林郭勒盟政务服务中心”（org-lg-centre）的上级不能是它自己或它的下级',
      });

      expect(await refusal(admin.api.admin.documents.remove({ kind: 'role', id: 'role-window' }))).toEqual({
        code: 'CONFLICT',
        message:
          '无法删除角色“窗口人员”（role-window）：它仍被用户“乌兰”（lg.window）的角色第1项、用户“未设密码”（no.password）的角色第1项、用户“其其格2”（xl.window）的角色第1项引用，请先修改或删除这些文档',
      });
      expect(await refusal(admin.api.admin.documents.remove({ kind: 'region', id: '152502' }))).toMatchObject({ code: 'CONFLICT' });

      await admin.api.admin.documents.remove({ kind: 'user', id: 'xl.window' });
      expect(await refusal(admin.api.admin.documents.get({ kind: 'user', id: 'xl.window' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await app.db.select().from(accounts).where(eq(accounts.userId, 'xl.window'))).toEqual([]);
      expect(await refusal(admin.api.admin.documents.remove({ kind: 'user', id: 'admin' }))).toEqual({ code: 'BAD_REQUEST', message: '不能删除当前登录的用户' });
    });

    it('checks the capability of the kind being edited', async () => {
      const viewer = await app.signIn('lg.viewer');
      expect((await viewer.api.admin.documents.list({ kind: 'role', page: 1, pageSize: 10 })).total).toBe(3);
      const role = await viewer.api.admin.documents.get({ kind: 'role', id: 'role-window' });
      expect(await refusal(viewer.api.admin.documents.save({ document: { ...role, name: '改名' } }))).toEqual({
        code: 'FORBIDDEN',
        message: '没有权限：此操作需要“维护角色与岗位”权限',
      });
      expect(await refusal(viewer.api.admin.documents.remove({ kind: 'region', id: '152502001' }))).toEqual({
        code: 'FORBIDDEN',
        message: '没有权限：此操作需要“维护区划与机构”权限',
      });
    });

    it('appends a hash-chained audit entry per change', async () => {
      const admin = await app.signIn('admin');
      const before = (await app.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]!;
      await admin.api.admin.documents.save({
        document: { kind: 'dictionary', id: 'dict-nation', schemaVersion: 1, name: '民族', entries: [{ value: '01', label: '汉族' }, { value: '02', label: '蒙古族' }] },
      });
      // Saving the same content again is not a change.
      await admin.api.admin.documents.save({
        document: { kind: 'dictionary', id: 'dict-nation', schemaVersion: 1, name: '民族', entries: [{ value: '01', label: '汉族' }, { value: '02', label: '蒙古族' }] },
      });
      await admin.api.admin.documents.remove({ kind: 'dictionary', id: 'dict-nation' });
      const entries = await app.db.select().from(auditLog).where(eq(auditLog.actor, 'admin')).orderBy(desc(auditLog.seq)).limit(2);
      expect(entries.map((entry) => [entry.action, entry.target, entry.detail])).toEqual([
        ['document.remove', 'dictionary/dict-nation', { version: 1 }],
        ['document.create', 'dictionary/dict-nation', { version: 1, previousVersion: null }],
      ]);
      expect(entries[1]!.seq).toBe(before.seq + 1);
      expect(entries[1]!.prevHash).toBe(before.hash);
      const verified = await verifyAuditChain(app.db);
      expect(verified.problems).toEqual([]);
      expect(verified.checked).toBe(entries[0]!.seq);
    });

    it('resets passwords under the password policy and ends the user’s sessions', async () => {
      const admin = await app.signIn('admin');
      const window = await app.signIn('lg.window');
      expect(await refusal(admin.api.admin.users.resetPassword({ userId: 'lg.window', password: 'short1' }))).toEqual({
        code: 'BAD_REQUEST',
        message: '密码至少8位',
      });
      expect(await refusal(admin.api.admin.users.resetPassword({ userId: 'lg.window', password: 'onlyletters' }))).toEqual({
        code: 'BAD_REQUEST',
        message: '密码必须同时包含字母和数字',
      });
      await admin.api.admin.users.resetPassword({ userId: 'lg.window', password: 'Window2026' });
      expect(await window.api.auth.me()).toBeNull();
      expect(await refusal(app.signIn('lg.window'))).toMatchObject({ code: 'UNAUTHORIZED' });
      const again = await app.signIn('lg.window', 'Window2026');
      await again.api.auth.changePassword({ currentPassword: 'Window2026', newPassword: 'Xlgl@2026' });
      expect((await again.api.auth.me())?.id).toBe('lg.window');
      await app.signIn('no.password', 'Xlgl@2026').catch(() => undefined);
      await admin.api.admin.users.resetPassword({ userId: 'no.password', password: 'Welcome2026' });
      expect((await (await app.signIn('no.password', 'Welcome2026')).api.auth.me())?.id).toBe('no.password');
    });
  });
});
