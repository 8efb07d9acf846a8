import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { assignItemCodes, defaultItemCodingRule, type ItemCodingRule, type ItemDocument } from '@xlgl/schema';
import { itemCodes, itemDepartmentCodes, readSetting, rowsOf, type Db } from '@xlgl/db';

/**
 * Automatic coding (R1.3). The rule is `items.codingRule` in `system_settings` (default
 * `defaultItemCodingRule`: basic `{category}{dept:3}{seq:4}{sub:3}`, implementation
 * `{basic}{region:12}{nature}{bodyseq:2}`, handling `{impl}{handling:2}`), with the handling kinds to
 * generate (default `[1]`, 设立). Values:
 * - `dept`: the department's stable 3-digit catalogue code from `item_department_codes`, allocated
 *   on its first coded item from the `department` counter;
 * - `seq`: the `basic:<category><dept>` counter, `bodyseq`: the `impl:<basic><region>` counter;
 * - `sub`: `000` (sub-items are not coded separately yet).
 * Counters are rows of `item_code_counters`, incremented by one `insert … on conflict do update …
 * returning`, which holds the row lock to the end of the transaction: concurrent approvals get
 * distinct numbers, and a rolled-back number is simply skipped. Every code is a primary key of
 * `item_codes`, whose rows are never deleted, so no code is ever reused.
 */
export type ItemCodingSettings = { rule: ItemCodingRule; handlingKinds: number[] };
export const itemCodingSettingKey = 'items.codingRule';

export async function readCodingSettings(db: Db): Promise<ItemCodingSettings> {
  const stored = await readSetting<Partial<ItemCodingSettings>>(db, itemCodingSettingKey);
  return { rule: stored?.rule ?? defaultItemCodingRule, handlingKinds: stored?.handlingKinds ?? [1] };
}

/** The next value of a counter (1, 2, …); row-locked until the transaction ends. */
export async function nextCounterValue(tx: Db, scope: string): Promise<number> {
  const rows = rowsOf<{ value: number }>(
    await tx.execute(sql`
      insert into item_code_counters (scope, value) values (${scope}, 1)
      on conflict (scope) do update set value = item_code_counters.value + 1
      returning value`),
  );
  return Number(rows[0]!.value);
}

/** The department's 3-digit catalogue code, allocating one on first use. */
export async function departmentCatalogueCode(tx: Db, departmentId: string): Promise<string> {
  const [existing] = await tx
    .select({ code: itemDepartmentCodes.code })
    .from(itemDepartmentCodes)
    .where(eq(itemDepartmentCodes.departmentId, departmentId));
  if (existing) return existing.code;
  const value = await nextCounterValue(tx, 'department');
  if (value > 999) throw new TRPCError({ code: 'CONFLICT', message: '部门目录代码已用尽（最多999个部门），请调整编码规则' });
  await tx
    .insert(itemDepartmentCodes)
    .values({ departmentId, code: String(value).padStart(3, '0') })
    .onConflictDoNothing({ target: itemDepartmentCodes.departmentId });
  // A concurrent transaction may have allocated first: read the code that won.
  const [row] = await tx
    .select({ code: itemDepartmentCodes.code })
    .from(itemDepartmentCodes)
    .where(eq(itemDepartmentCodes.departmentId, departmentId));
  return row!.code;
}

export type ItemCodes = NonNullable<ItemDocument['codes']>;

/** Codes already recorded for an item (e.g. after a re-import dropped them from the document). */
export async function recordedCodes(db: Db, itemId: string): Promise<ItemCodes | null> {
  const rows = await db.select().from(itemCodes).where(eq(itemCodes.itemId, itemId)).orderBy(itemCodes.code);
  const basic = rows.find((row) => row.kind === 'basic')?.code;
  const implementation = rows.find((row) => row.kind === 'implementation')?.code;
  if (!basic || !implementation) return null;
  return { basic, implementation, handling: rows.filter((row) => row.kind === 'handling').map((row) => row.code) };
}

/**
 * Allocates and records the codes of a newly approved item. Call inside the approval transaction,
 * before taking the metadata lock (counters first, then metadata: one lock order everywhere).
 */
export async function allocateItemCodes(tx: Db, item: ItemDocument, by: { actor: string; now: Date }): Promise<ItemCodes> {
  const { actor, now } = by;
  const settings = await readCodingSettings(tx);
  const dept = await departmentCatalogueCode(tx, item.departmentId);
  const seq = await nextCounterValue(tx, `basic:${item.category}${dept}`);
  const probe = assignItemCodes(
    settings.rule,
    { category: item.category, dept, seq, sub: '000', region: item.regionCode, nature: item.implementerNature, bodyseq: 1 },
    [],
  );
  const bodyseq = await nextCounterValue(tx, `impl:${probe.basic}${item.regionCode}`);
  let codes: ItemCodes;
  try {
    codes = assignItemCodes(
      settings.rule,
      { category: item.category, dept, seq, sub: '000', region: item.regionCode, nature: item.implementerNature, bodyseq },
      settings.handlingKinds,
    );
  } catch (error) {
    throw new TRPCError({ code: 'CONFLICT', message: `赋码失败：${(error as Error).message}` });
  }
  const rows = [
    { code: codes.basic, kind: 'basic' as const },
    { code: codes.implementation, kind: 'implementation' as const },
    ...codes.handling.map((code) => ({ code, kind: 'handling' as const })),
  ];
  const inserted = await tx
    .insert(itemCodes)
    .values(rows.map((row) => ({ ...row, itemId: item.id, assignedAt: now, assignedBy: actor })))
    .onConflictDoNothing()
    .returning({ code: itemCodes.code });
  if (inserted.length !== rows.length) {
    throw new TRPCError({ code: 'CONFLICT', message: `赋码冲突：编码${codes.basic}已被占用（编码不可重复使用），请检查编码规则` });
  }
  return codes;
}

/** Records codes that came with a document (shipped content that already carries codes). */
export async function registerExistingCodes(tx: Db, input: { itemId: string; codes: ItemCodes; actor: string; now: Date }): Promise<void> {
  const { itemId, codes, actor, now } = input;
  const rows = [
    { code: codes.basic, kind: 'basic' as const },
    { code: codes.implementation, kind: 'implementation' as const },
    ...codes.handling.map((code) => ({ code, kind: 'handling' as const })),
  ];
  for (const row of rows) {
    const inserted = await tx
      .insert(itemCodes)
      .values({ ...row, itemId, assignedAt: now, assignedBy: actor })
      .onConflictDoNothing()
      .returning({ itemId: itemCodes.itemId });
    if (inserted.length === 0) {
      const [holder] = await tx.select({ itemId: itemCodes.itemId }).from(itemCodes).where(eq(itemCodes.code, row.code));
      if (holder && holder.itemId !== itemId) {
        throw new TRPCError({
          code: 'CONFLICT',
          message: `事项“${itemId}”的编码${row.code}已属于事项“${holder.itemId}”，编码不可重复使用`,
        });
      }
    }
  }
}
