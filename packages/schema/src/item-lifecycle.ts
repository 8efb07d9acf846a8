import type { ItemStatus } from './kinds/item.js';

/**
 * The item lifecycle (R1): draft → submitted → approved | returned → coded → published →
 * superseded (by an approved change) | abolished. A change request starts a new draft version while
 * the published version stays in force. While `submitted`, the publication review runs as a flow in
 * the flow engine: its steps are `reviewStep`s; its conclusion is `approve` or `return`.
 */
export const itemActions = {
  submit: '提交审核',
  return: '退回修改',
  approve: '审核通过',
  code: '赋码',
  publish: '发布',
  requestChange: '申请变更',
  abolish: '废止',
  withdraw: '撤回',
  reviewStep: '审核环节办理',
} as const;
export type ItemAction = keyof typeof itemActions;

const transitions: Record<ItemAction, { from: ItemStatus[]; to: ItemStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  withdraw: { from: ['submitted'], to: 'draft' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  code: { from: ['approved'], to: 'coded' },
  publish: { from: ['coded'], to: 'published' },
  // A change request creates a new draft version; the published one is untouched until publication.
  requestChange: { from: ['published'], to: 'draft' },
  abolish: { from: ['published'], to: 'abolished' },
  // A step of the review flow that does not conclude it (初审 passed on to 复审, 复审 back to 初审 …).
  reviewStep: { from: ['submitted'], to: 'submitted' },
};

/** The status after `action`, or an error message in Chinese when the action is not allowed. */
export function nextItemStatus(status: ItemStatus, action: ItemAction): { ok: true; status: ItemStatus } | { ok: false; message: string } {
  const transition = transitions[action];
  if (!transition.from.includes(status)) {
    return { ok: false, message: `当前状态不能执行“${itemActions[action]}”` };
  }
  return { ok: true, status: transition.to };
}

/** Actions available from a status, for the UI. */
export function itemActionsFrom(status: ItemStatus): ItemAction[] {
  return (Object.keys(transitions) as ItemAction[]).filter((action) => transitions[action].from.includes(status));
}

/**
 * The coding rule (R1.3), configurable as templates with tokens:
 * `{category}` 2-digit category, `{dept:N}` department catalogue code, `{seq:N}` sequence allocated by
 * the database (unique, never reused), `{sub:3}` sub-item segment (`000` none, `00Y` parent, `001…`),
 * `{region:12}` region code right-padded with zeros, `{nature}` implementing body's nature,
 * `{basic}` the basic code, `{impl}` the implementation code, `{handling:2}` 01 设立 / 02 变更 / 03 注销.
 */
export type ItemCodingRule = { basic: string; implementation: string; handling: string };

export const defaultItemCodingRule: ItemCodingRule = {
  basic: '{category}{dept:3}{seq:4}{sub:3}',
  implementation: '{basic}{region:12}{nature}{bodyseq:2}',
  handling: '{impl}{handling:2}',
};

export type CodingValues = {
  category: string;
  dept: string;
  seq: number;
  sub: string;
  region: string;
  nature: string;
  bodyseq: number;
  basic?: string;
  impl?: string;
  handling?: number;
};

/** Expands one coding template; throws with a Chinese message when a value does not fit its width. */
export function expandCodeTemplate(template: string, values: CodingValues): string {
  return template.replace(/\{([a-z]+)(?::(\d+))?\}/g, (_whole, token: string, widthText?: string) => {
    const width = widthText ? Number(widthText) : undefined;
    const raw = (values as Record<string, unknown>)[token];
    if (raw === undefined) throw new Error(`编码规则中的“${token}”没有取值`);
    let text = String(raw);
    if (width !== undefined) {
      if (token === 'region') text = text.padEnd(width, '0');
      else text = text.padStart(width, '0');
      if (text.length > width) throw new Error(`编码规则中的“${token}”超出${width}位：${text}`);
    }
    return text.toUpperCase();
  });
}

/** Applies the whole rule: basic code, implementation code and the handling-item codes. */
export function assignItemCodes(
  rule: ItemCodingRule,
  values: Omit<CodingValues, 'basic' | 'impl' | 'handling'>,
  handlingKinds: number[] = [1],
): { basic: string; implementation: string; handling: string[] } {
  const basic = expandCodeTemplate(rule.basic, values);
  const implementation = expandCodeTemplate(rule.implementation, { ...values, basic });
  const handling = handlingKinds.map((kind) => expandCodeTemplate(rule.handling, { ...values, basic, impl: implementation, handling: kind }));
  return { basic, implementation, handling };
}

/** Sub-item segment of an item handled as one, and of the parent of an item with sub-items (domain.md). */
export const noSubItemsSegment = '000';
export const parentSubItemSegment = '00Y';

/** Natural widths of the tokens that carry no width in a template. */
const naturalWidths: Record<string, number> = { category: 2, nature: 1 };

/**
 * Where `{sub:N}` sits in a basic code made by `template`: every token before it needs a fixed width
 * (`{dept:3}`) or a natural one (`{category}` 2, `{nature}` 1). Throws (Chinese) otherwise.
 */
export function subSegmentRange(template: string): { start: number; width: number } {
  let start = 0;
  const pattern = /\{([a-z]+)(?::(\d+))?\}|([^{]+)/g;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    const [, token, widthText, literal] = match;
    if (literal !== undefined) {
      start += literal.length;
      continue;
    }
    if (token === 'sub') return { start, width: widthText ? Number(widthText) : 3 };
    const width = widthText ? Number(widthText) : naturalWidths[token!];
    if (width === undefined) throw new Error(`编码规则中“{sub}”之前的“${token}”须指定位数`);
    start += width;
  }
  throw new Error('基本编码规则中没有子项段“{sub:3}”');
}

/** The basic code of sub-item number `segment` (1 → 001): the parent's basic code with its sub-item segment replaced. */
export function subItemBasicCode(rule: ItemCodingRule, parentBasic: string, segment: number): string {
  const { start, width } = subSegmentRange(rule.basic);
  const text = String(segment).padStart(width, '0');
  if (segment < 1 || text.length > width) throw new Error(`子项序号${segment}超出${width}位`);
  return `${parentBasic.slice(0, start)}${text}${parentBasic.slice(start + width)}`;
}
