import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import {
  assignItemCodes,
  defaultItemCodingRule,
  expandCodeTemplate,
  noSubItemsSegment,
  parentSubItemSegment,
  subItemBasicCode,
  type ItemCodingRule,
  type ItemDocument,
} from '@xlgl/schema';
import { itemCodes, itemDepartmentCodes, itemSubItemCodes, readSetting, rowsOf, type Db } from '@xlgl/db';

/**
 * Automatic coding (R1.3). The rule is `items.codingRule` in `system_settings` (default
 * `defaultItemCodingRule`: basic `{category}{dept:3}{seq:4}{sub:3}`, implementation
 * `{basic}{region:12}{nature}{bodyseq:2}`, handling `{impl}{handling:2}`), with the handling kinds to
 * generate (default `[1]`, 设立). Values:
 * - `dept`: the department's stable 3-digit catalogue code from `item_department_codes`, allocated
 *   on its first coded item from the `department` counter;
 * - `seq`: the `basic:<category><dept>` counter, `bodyseq`: the `impl:<basic><region>` counter;
 * - `sub`: `000` for an item handled as one, `00Y` for the parent of sub-items (子项 / 办理项); each
 *   sub-item gets its own segment `001`, `002` … from the item's `sub:<itemId>` counter on the first
 *   approval that includes it (`codeSubItems`), with its own implementation and handling codes.
 *   Segments are recorded in `item_sub_item_codes` (unique per item) and every code in `item_codes`
 *   (primary key; kinds `sub-basic`, `sub-implementation`, `sub-handling`), so neither a segment nor a
 *   code is ever reused, not even after the sub-item is removed.
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
export async function recordedCodes(db: Db, itemId: string, item?: ItemDocument): Promise<ItemCodes | null> {
  const rows = await db.select().from(itemCodes).where(eq(itemCodes.itemId, itemId)).orderBy(itemCodes.code);
  const basic = rows.find((row) => row.kind === 'basic')?.code;
  const implementation = rows.find((row) => row.kind === 'implementation')?.code;
  if (!basic || !implementation) return null;
  const subs = await db.select().from(itemSubItemCodes).where(eq(itemSubItemCodes.itemId, itemId));
  const subItems = (item?.subItems ?? []).flatMap((sub) => {
    const recorded = subs.find((row) => row.subItemId === sub.id);
    if (!recorded) return [];
    const handling = rows.filter((row) => (row.kind as string) === 'sub-handling' && row.code.startsWith(recorded.implementation)).map((row) => row.code);
    return [{ subItemId: sub.id, name: sub.name, basic: recorded.basic, implementation: recorded.implementation, handling }];
  });
  return { basic, implementation, handling: rows.filter((row) => row.kind === 'handling').map((row) => row.code), subItems };
}

/** Records codes in `item_codes` (primary key: never reused); throws CONFLICT when one is taken. */
async function recordCodes(tx: Db, input: { itemId: string; rows: { code: string; kind: string }[]; actor: string; now: Date }): Promise<void> {
  for (const row of input.rows) {
    const inserted = rowsOf<{ code: string }>(
      await tx.execute(sql`
        insert into item_codes (code, kind, item_id, assigned_at, assigned_by)
        values (${row.code}, ${row.kind}, ${input.itemId}, ${input.now.toISOString()}, ${input.actor})
        on conflict do nothing returning code`),
    );
    if (inserted.length === 0) {
      throw new TRPCError({ code: 'CONFLICT', message: `赋码冲突：编码${row.code}已被占用（编码不可重复使用），请检查编码规则` });
    }
  }
}

/**
 * Codes of the item's sub-items: those coded before keep their codes; new ones get the next segment
 * of the item's counter (001, 002 … never reused). Call inside the approval transaction, after the
 * parent is coded (a change keeps the parent's codes; sub-items added by it are coded now).
 */
export async function codeSubItems(
  tx: Db,
  input: { item: ItemDocument; parent: Pick<ItemCodes, 'basic'>; actor: string; now: Date },
): Promise<ItemCodes['subItems']> {
  const { item, actor, now } = input;
  const subItems = item.subItems ?? [];
  if (subItems.length === 0) return [];
  const settings = await readCodingSettings(tx);
  const existing = await tx.select().from(itemSubItemCodes).where(eq(itemSubItemCodes.itemId, item.id));
  const result: ItemCodes['subItems'] = [];
  for (const sub of subItems) {
    const recorded = existing.find((row) => row.subItemId === sub.id);
    let basic: string;
    let implementation: string;
    let handling: string[];
    try {
      if (recorded) {
        basic = recorded.basic;
        implementation = recorded.implementation;
        handling = settings.handlingKinds.map((kind) => expandCodeTemplate(settings.rule.handling, handlingValues(item, { basic, implementation, kind })));
      } else {
        const segment = await nextCounterValue(tx, `sub:${item.id}`);
        basic = subItemBasicCode(settings.rule, input.parent.basic, segment);
        const bodyseq = await nextCounterValue(tx, `impl:${basic}${item.regionCode}`);
        implementation = expandCodeTemplate(settings.rule.implementation, { ...handlingValues(item, { basic, implementation: '', kind: 0 }), bodyseq });
        handling = settings.handlingKinds.map((kind) => expandCodeTemplate(settings.rule.handling, handlingValues(item, { basic, implementation, kind })));
        const inserted = await tx
          .insert(itemSubItemCodes)
          .values({ itemId: item.id, subItemId: sub.id, segment, basic, implementation, assignedAt: now, assignedBy: actor })
          .onConflictDoNothing()
          .returning({ segment: itemSubItemCodes.segment });
        if (inserted.length === 0) throw new TRPCError({ code: 'CONFLICT', message: `赋码冲突：办理项“${sub.name}”的编码${basic}已被占用` });
        await recordCodes(tx, {
          itemId: item.id,
          rows: [
            { code: basic, kind: 'sub-basic' },
            { code: implementation, kind: 'sub-implementation' },
            ...handling.map((code) => ({ code, kind: 'sub-handling' })),
          ],
          actor,
          now,
        });
      }
    } catch (error) {
      if (error instanceof TRPCError) throw error;
      throw new TRPCError({ code: 'CONFLICT', message: `办理项“${sub.name}”赋码失败：${(error as Error).message}` });
    }
    result.push({ subItemId: sub.id, name: sub.name, basic, implementation, handling });
  }
  return result;
}

function handlingValues(item: ItemDocument, input: { basic: string; implementation: string; kind: number }) {
  return {
    category: item.category,
    region: item.regionCode,
    nature: item.implementerNature,
    basic: input.basic,
    impl: input.implementation,
    handling: input.kind,
    bodyseq: 1,
  } as Parameters<typeof expandCodeTemplate>[1];
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
  const sub = (item.subItems ?? []).length > 0 ? parentSubItemSegment : noSubItemsSegment;
  const probe = assignItemCodes(
    settings.rule,
    { category: item.category, dept, seq, sub, region: item.regionCode, nature: item.implementerNature, bodyseq: 1 },
    [],
  );
  const bodyseq = await nextCounterValue(tx, `impl:${probe.basic}${item.regionCode}`);
  let codes: Omit<ItemCodes, 'subItems'>;
  try {
    codes = assignItemCodes(
      settings.rule,
      { category: item.category, dept, seq, sub, region: item.regionCode, nature: item.implementerNature, bodyseq },
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
  return { ...codes, subItems: await codeSubItems(tx, { item, parent: codes, actor, now }) };
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
