import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldTypes, type FieldType } from './fieldTypes.js';
import { fieldTypeDefinition, fieldTypeRegistry } from './registry.js';
import { sqlTypes, type FieldDeclaration } from './definition.js';
import { canConvert, convertValue } from './conversion.js';
import { fieldValueSchema, nonEmptyValueSchema } from './fieldValueSchema.js';
import { formatFen } from './money/index.js';

/** A field of `type` with default settings (and what a type cannot do without). */
function sampleField(type: FieldType, settings: Record<string, unknown> = {}): FieldDeclaration {
  const extra: Record<string, unknown> =
    type === 'select' || type === 'multi-select'
      ? { options: [{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }] }
      : type === 'material'
        ? { materialId: 'mat.application' }
        : {};
  const definition = fieldTypeDefinition(type);
  const field: FieldDeclaration = { id: 'f_sample', type, label: '示例', settings: definition.settings.parse({ ...extra, ...settings }) as Record<string, unknown> };
  if (type === 'sub-table') field.fields = [{ id: 'name', type: 'text', label: '姓名', required: true, settings: fieldTypeDefinition('text').settings.parse({}) as Record<string, unknown> }];
  return field;
}

describe('field-type registry', () => {
  it('declares every field type exactly once, under its own name', () => {
    expect(Object.keys(fieldTypeRegistry).sort()).toEqual([...fieldTypes].sort());
    for (const type of fieldTypes) expect(fieldTypeRegistry[type].type).toBe(type);
  });

  describe.each(fieldTypes)('%s', (type) => {
    const definition = fieldTypeDefinition(type);
    const field = sampleField(type);

    it('has a Chinese label and columns from the fixed SQL type map', () => {
      expect(definition.label).toMatch(/[\u4e00-\u9fa5]/);
      for (const column of definition.columns) expect(Object.keys(sqlTypes)).toContain(column.sqlType);
      expect(new Set(definition.columns.map((column) => column.key)).size).toBe(definition.columns.length);
      if (definition.childTable) expect(definition.columns).toEqual([]);
      else expect(definition.columns.length).toBeGreaterThan(0);
      if (definition.columns.length > 1) {
        expect(definition.toColumns).toBeTypeOf('function');
        expect(definition.fromColumns).toBeTypeOf('function');
      }
    });

    it('declares ordered settings migrations up to its settings version', () => {
      const version = definition.settingsVersion ?? 1;
      expect(Number.isInteger(version) && version >= 1).toBe(true);
      expect((definition.settingsMigrations ?? []).map((migration) => migration.from)).toEqual(Array.from({ length: version - 1 }, (_, index) => index + 1));
      // settings already in the current shape pass through every migration unchanged
      let settings = { ...field.settings };
      for (const migration of definition.settingsMigrations ?? []) settings = migration.up(settings, field);
      expect(definition.settings.parse(settings)).toEqual(field.settings);
    });

    it('accepts its example value and round-trips it through its columns', () => {
      const example = type === 'sub-table' ? [{ name: '张三' }] : definition.example(field);
      const parsed = nonEmptyValueSchema(field).safeParse(example);
      expect(parsed.error?.issues ?? []).toEqual([]);
      if (definition.toColumns && definition.fromColumns) expect(definition.fromColumns(definition.toColumns(example))).toEqual(example);
    });

    it('rejects a value of the wrong kind with a Chinese message naming the field', () => {
      const wrong = type === 'switch' ? 'yes' : type === 'number' || type === 'money' ? '12' : type === 'multi-select' || type === 'material' || type === 'sub-table' ? 'x' : 42;
      const result = nonEmptyValueSchema(field).safeParse(wrong);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].message).toMatch(/示例/);
    });

    it('phrases the required message with the right verb', () => {
      const result = fieldValueSchema(field, { required: true }).safeParse(undefined);
      expect(result.error?.issues[0].message).toBe(`请${definition.emptyVerb}“示例”`);
      expect(fieldValueSchema(field).safeParse(null).success).toBe(true);
    });

    it('declares conversions whose results the target accepts (or a reason)', () => {
      const example = definition.example(field);
      for (const target of Object.keys(definition.convertTo) as FieldType[]) {
        expect(canConvert(type, target)).toBe(true);
        const result = convertValue(example, { from: field, to: sampleField(target) });
        if (!result.ok) expect(result.reason).toMatch(/[\u4e00-\u9fa5]/);
        else expect(nonEmptyValueSchema(sampleField(target)).safeParse(result.value).success || result.value === null).toBe(true);
      }
    });
  });
});

describe('value schemas', () => {
  it('keeps money in integer fen', () => {
    const money = sampleField('money');
    expect(nonEmptyValueSchema(money).safeParse(1234.5).error?.issues[0].message).toBe('“示例”必须精确到分');
    expect(nonEmptyValueSchema(money).safeParse(-1).error?.issues[0].message).toBe('“示例”不能小于0.00元');
    expect(formatFen(123456)).toBe('1234.56');
    expect(formatFen(-5)).toBe('-0.05');
  });
  it('checks number decimals and bounds', () => {
    const number = sampleField('number', { decimals: 2, min: 0, max: 10 });
    const schema = nonEmptyValueSchema(number);
    expect(schema.safeParse(1.25).success).toBe(true);
    expect(schema.safeParse(1.255).error?.issues[0].message).toBe('“示例”最多2位小数');
    expect(schema.safeParse(11).error?.issues[0].message).toBe('“示例”不能大于10');
  });
  it('normalises ID numbers and credit codes to upper case', () => {
    expect(nonEmptyValueSchema(sampleField('id-number')).parse('11010519491231002x')).toBe('11010519491231002X');
    expect(nonEmptyValueSchema(sampleField('credit-code')).parse('91330102ma28nbu477')).toBe('91330102MA28NBU477');
    expect(nonEmptyValueSchema(sampleField('credit-code')).safeParse('91330102MA28NBU478').error?.issues[0].message).toBe('统一社会信用代码校验位不正确');
  });
  it('checks select values against inline options and dictionaries', () => {
    expect(nonEmptyValueSchema(sampleField('select')).safeParse('c').error?.issues[0].message).toBe('“示例”的值不在可选项中');
    const fromDictionary: FieldDeclaration = { ...sampleField('select'), settings: { options: [], display: 'select' }, dictionaryId: 'dict.sex' };
    const dictionaries = { 'dict.sex': [{ value: '1', label: '男' }, { value: '2', label: '女' }] };
    expect(nonEmptyValueSchema(fromDictionary, { dictionaries }).safeParse('1').success).toBe(true);
    expect(nonEmptyValueSchema(fromDictionary, { dictionaries }).safeParse('3').success).toBe(false);
    // an unloaded dictionary cannot be checked, any code is kept
    expect(nonEmptyValueSchema(fromDictionary).safeParse('3').success).toBe(true);
    expect(nonEmptyValueSchema(sampleField('multi-select')).safeParse(['a', 'a']).error?.issues[0].message).toBe('“示例”有重复的选项');
  });
  it('checks regions against the root and the deepest level', () => {
    const region = sampleField('region');
    expect(nonEmptyValueSchema(region).safeParse('152502100').success).toBe(true);
    expect(nonEmptyValueSchema(region).safeParse('150102').error?.issues[0].message).toBe('“示例”不在152500辖区内');
    expect(nonEmptyValueSchema(region).safeParse('152527201206').error?.issues[0].message).toBe('“示例”最多选到苏木乡镇（街道）');
  });
  it('checks date ranges and dates', () => {
    const range = nonEmptyValueSchema(sampleField('date-range', { maxDays: 10 }));
    expect(range.safeParse({ start: '2026-03-05', end: '2026-03-01' }).error?.issues[0].message).toBe('“示例”的开始日期不能晚于结束日期');
    expect(range.safeParse({ start: '2026-03-01', end: '2026-03-11' }).error?.issues[0].message).toBe('“示例”不能超过10天');
    expect(nonEmptyValueSchema(sampleField('date')).safeParse('2026-02-30').error?.issues[0].message).toBe('“示例”不是有效日期（格式为YYYY-MM-DD）');
    const past = nonEmptyValueSchema(sampleField('date', { max: 'today' }), { today: '2026-03-01' });
    expect(past.safeParse('2026-03-02').error?.issues[0].message).toBe('“示例”不能晚于今天');
  });
  it('checks material files against the slot settings', () => {
    const material = nonEmptyValueSchema(sampleField('material', { accept: ['pdf'], maxSizeMb: 1 }));
    expect(material.safeParse([{ fileId: 'abc', name: '申请书.docx', size: 10 }]).error?.issues[0].message).toBe('“示例”只接受pdf文件');
    expect(material.safeParse([{ fileId: 'abc', name: '申请书.pdf', size: 2 * 1024 * 1024 }]).error?.issues[0].message).toBe('“示例”的单个文件不能超过1MB');
  });
  it('validates sub-table rows with their own fields and drops unknown keys (ArrayTable index)', () => {
    const table = sampleField('sub-table');
    const schema = nonEmptyValueSchema(table);
    expect(schema.parse([{ name: '张三', __index: 0 }])).toEqual([{ name: '张三' }]);
    expect(schema.safeParse([{ name: '' }]).error?.issues).toMatchObject([{ path: [0, 'name'], message: '请填写“姓名”' }]);
  });
});

describe('conversions', () => {
  it('converts text to number and money, reporting what cannot be converted', () => {
    expect(convertValue(' 1,234 ', { from: sampleField('text'), to: sampleField('number') })).toEqual({ ok: true, value: 1234 });
    expect(convertValue('十二', { from: sampleField('text'), to: sampleField('number') })).toEqual({ ok: false, reason: '“十二”不是数字' });
    expect(convertValue('12.34', { from: sampleField('text'), to: sampleField('money') })).toEqual({ ok: true, value: 1234 });
    expect(convertValue('12.345', { from: sampleField('text'), to: sampleField('money') })).toEqual({ ok: false, reason: '“12.345”元不是整数分' });
    expect(convertValue('2026年3月1日', { from: sampleField('text'), to: sampleField('date') })).toEqual({ ok: true, value: '2026-03-01' });
    expect(convertValue('12345', { from: sampleField('text'), to: sampleField('mobile') })).toEqual({ ok: false, reason: '“示例”应为以1开头、第二位为3至9的11位手机号码' });
  });
  it('keeps empty values empty and refuses undeclared conversions', () => {
    expect(convertValue('', { from: sampleField('text'), to: sampleField('number') })).toEqual({ ok: true, value: null });
    expect(canConvert('material', 'text')).toBe(false);
    expect(convertValue([{ fileId: 'a', name: 'a.pdf', size: 1 }], { from: sampleField('material'), to: sampleField('text') })).toEqual({
      ok: false,
      reason: '“材料”不能转换为“单行文本”',
    });
  });
  it('converts between date, datetime and money/number', () => {
    expect(convertValue('2026-03-01T20:00:00Z', { from: sampleField('datetime'), to: sampleField('date') })).toEqual({ ok: true, value: '2026-03-02' });
    expect(convertValue('2026-03-01', { from: sampleField('date'), to: sampleField('datetime') })).toEqual({ ok: true, value: '2026-03-01T00:00:00+08:00' });
    expect(convertValue(1234, { from: sampleField('money'), to: sampleField('number', { decimals: 2 }) })).toEqual({ ok: true, value: 12.34 });
    expect(convertValue(['a', 'b'], { from: sampleField('multi-select'), to: sampleField('select') })).toEqual({ ok: false, reason: '选择了2项，单选只能保留一项' });
  });
});

describe('settings schemas', () => {
  it('apply defaults and refuse bad settings in Chinese', () => {
    expect(fieldTypeRegistry.text.settings.parse({})).toEqual({ maxLength: 200, minLength: 0 });
    expect(fieldTypeRegistry.money.settings.parse({})).toEqual({ minFen: 0 });
    const material = fieldTypeRegistry.material.settings.safeParse({ materialId: 'mat.a', accept: ['.PDF'] });
    expect(material.error?.issues[0].message).toBe('文件扩展名只能含小写字母和数字');
    expect(z.toJSONSchema(fieldTypeRegistry.select.settings, { io: 'input' })).toMatchObject({ type: 'object' });
  });
});
