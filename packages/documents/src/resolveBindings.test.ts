import { describe, expect, it } from 'vitest';
import { elementsForVariant, formatValue, resolveBindings } from './resolveBindings.js';
import { foodBusinessCase, loadTemplate } from './testing/fixtures.js';

describe('resolveBindings', () => {
  const template = loadTemplate('certificate-templates', 'cert-food-business');

  it('fills form and case bindings of a shipped certificate template with formats applied', () => {
    const byId = Object.fromEntries(resolveBindings(template, foodBusinessCase).map((value) => [value.id, value]));
    expect(byId['title']).toEqual({ id: 'title', type: 'text', text: '食品经营许可证', missing: false });
    expect(byId['value-name'].text).toBe('锡林浩特市草原印象餐饮有限公司');
    expect(byId['value-cert-no'].text).toBe('JY11525020001234');
    expect(byId['value-valid'].text).toBe('2031年11月26日');
    expect(byId['value-issued'].text).toBe('2026年11月27日');
    expect(byId['value-scope'].text).toBe('热食类食品制售、冷食类食品制售、自制饮品制售（不含自酿酒）、预包装食品（含冷藏冷冻食品）销售');
    expect(byId['qr'].text).toBe('JY11525020001234');
    expect(byId['seal']).toEqual({ id: 'seal', type: 'seal', text: '', missing: false });
  });

  it('marks bound elements without data as missing', () => {
    const resolved = resolveBindings(template, { form: {}, case: { certificateNumber: 'JY1' } });
    const missing = resolved.filter((value) => value.missing).map((value) => value.id);
    expect(missing).toContain('value-name');
    expect(missing).toContain('value-valid');
    expect(missing).not.toContain('value-cert-no');
    expect(missing).not.toContain('title');
  });

  it('applies money formats to bound amounts', () => {
    const money = { ...template.elements[0], id: 'fee', type: 'field' as const, binding: { source: 'case' as const, key: 'feeTotal' as const } };
    const [capital, plain] = resolveBindings(
      { elements: [{ ...money, format: 'money-cn' }, { ...money, id: 'fee2', format: 'money' }] },
      foodBusinessCase,
    );
    expect(capital.text).toBe('壹仟贰佰叁拾肆元伍角整');
    expect(plain.text).toBe('1,234.50元');
  });

  it('shows values a format cannot read as they are', () => {
    expect(formatValue('待定', 'date-cn')).toBe('待定');
    expect(formatValue('面议', 'money-cn')).toBe('面议');
    expect(formatValue(true)).toBe('是');
    expect(formatValue({ regionCode: '152502', detail: '额尔敦路28号' })).toBe('额尔敦路28号');
    expect(formatValue(null)).toBe('');
  });

  it('selects the elements of each variant', () => {
    const original = elementsForVariant(template.elements, 'original').map((element) => element.id);
    const copy = elementsForVariant(template.elements, 'copy').map((element) => element.id);
    expect(original).toContain('variant-original');
    expect(original).not.toContain('variant-copy');
    expect(copy).toContain('variant-copy');
    expect(copy).not.toContain('variant-original');
  });
});
