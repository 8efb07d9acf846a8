import { describe, expect, it } from 'vitest';
import {
  assignItemCodes,
  defaultItemCodingRule,
  expandCodeTemplate,
  itemActionsFrom,
  nextItemStatus,
  subItemBasicCode,
  subSegmentRange,
} from './item-lifecycle.js';

describe('item lifecycle', () => {
  it('walks draft → submitted → returned → submitted → approved → coded → published', () => {
    let status = 'draft' as const as Parameters<typeof nextItemStatus>[0];
    for (const action of ['submit', 'return', 'submit', 'approve', 'code', 'publish'] as const) {
      const next = nextItemStatus(status, action);
      expect(next.ok).toBe(true);
      if (next.ok) status = next.status;
    }
    expect(status).toBe('published');
    expect(itemActionsFrom('published')).toEqual(['requestChange', 'abolish']);
  });

  it('refuses an action out of order with a Chinese message', () => {
    expect(nextItemStatus('draft', 'publish')).toEqual({ ok: false, message: '当前状态不能执行“发布”' });
  });
});

describe('item coding rule', () => {
  it('builds basic, implementation and handling codes of the documented shapes', () => {
    const codes = assignItemCodes(defaultItemCodingRule, { category: '01', dept: '13', seq: 27, sub: '000', region: '152500', nature: '1', bodyseq: 1 }, [1, 2, 3]);
    expect(codes.basic).toBe('010130027000');
    expect(codes.basic).toHaveLength(12);
    expect(codes.implementation).toBe(`${codes.basic}152500000000101`);
    expect(codes.handling).toEqual([`${codes.implementation}01`, `${codes.implementation}02`, `${codes.implementation}03`]);
    expect(/^[0-9A-Z]{20,40}$/.test(codes.implementation)).toBe(true);
  });

  it('refuses a sequence wider than its segment', () => {
    expect(() => expandCodeTemplate('{seq:4}', { category: '01', dept: '1', seq: 12345, sub: '000', region: '1', nature: '1', bodyseq: 1 })).toThrow('编码规则中的“seq”超出4位：12345');
  });
});

describe('sub-item segments', () => {
  it('replaces the parent segment 00Y by 001, 002 … at the position of {sub:3} in the rule', () => {
    expect(subSegmentRange(defaultItemCodingRule.basic)).toEqual({ start: 9, width: 3 });
    expect(subItemBasicCode(defaultItemCodingRule, '01013002700Y', 1)).toBe('010130027001');
    expect(subItemBasicCode(defaultItemCodingRule, '01013002700Y', 12)).toBe('010130027012');
    expect(subItemBasicCode({ ...defaultItemCodingRule, basic: 'X{category}{sub:3}{seq:4}' }, 'X0100Y0027', 2)).toBe('X010020027');
  });

  it('refuses a segment beyond 999 and a rule whose earlier tokens have no width', () => {
    expect(() => subItemBasicCode(defaultItemCodingRule, '01013002700Y', 1000)).toThrow('子项序号1000超出3位');
    expect(() => subSegmentRange('{seq}{sub:3}')).toThrow('编码规则中“{sub}”之前的“seq”须指定位数');
    expect(() => subSegmentRange('{category}{seq:4}')).toThrow('基本编码规则中没有子项段');
  });
});
