// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flowNodeTypes, nodeTypeSchemas } from '@xlgl/schema';
import { flowNodeLooks } from '@xlgl/renderer';
import { defaultSettings } from '../documentOps.js';
import { schemaShape } from '../panels/SchemaSettingsForm.js';
import { settingsWidgets } from '../panels/widgets.js';
import { sampleContext } from '../fixtures.js';
import { paletteGroups } from './definition.js';
import { nodeDesigns, paletteEntries } from './registry.js';

describe('node-type registry', () => {
  it('holds every FlowNodeType, like the schema and the shared look', () => {
    expect(Object.keys(nodeDesigns).sort()).toEqual([...flowNodeTypes].sort());
    expect(Object.keys(flowNodeLooks).sort()).toEqual([...flowNodeTypes].sort());
    expect(Object.keys(nodeTypeSchemas).sort()).toEqual([...flowNodeTypes].sort());
    for (const type of flowNodeTypes) expect(nodeDesigns[type].type).toBe(type);
  });

  it('offers every type in the palette, in a known group, with unique keys', () => {
    const typesInPalette = new Set(paletteEntries.map((entry) => entry.type));
    expect([...typesInPalette].sort()).toEqual([...flowNodeTypes].sort());
    const keys = paletteEntries.map((entry) => entry.preset.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const type of flowNodeTypes) expect(paletteGroups).toContain(nodeDesigns[type].group);
  });

  it('has the end outcomes and the named human steps as presets', () => {
    expect(nodeDesigns.end.presets.map((preset) => preset.settings?.outcome)).toEqual(['approved', 'rejected', 'withdrawn']);
    expect(nodeDesigns.task.presets.map((preset) => preset.label)).toEqual(expect.arrayContaining(['受理', '审查', '审核', '批准', '制证', '送达']));
    expect(nodeDesigns.countersign.presets.map((preset) => (preset.settings?.completion as { rule: string }).rule)).toEqual(['all', 'any', 'ratio']);
  });

  it('builds valid default settings for every preset', () => {
    for (const entry of paletteEntries) {
      const settings = defaultSettings(entry.type, entry.preset.settings);
      expect(nodeTypeSchemas[entry.type].settings.safeParse(settings).success, entry.preset.key).toBe(true);
    }
  });

  it('declares panel rows only for keys of the settings schema, each with an editor', () => {
    for (const type of flowNodeTypes) {
      const shape = schemaShape(nodeTypeSchemas[type].settings);
      for (const spec of nodeDesigns[type].panel) {
        expect(Object.keys(shape), `${type}.${spec.key}`).toContain(spec.key);
        if (spec.widget) expect(settingsWidgets[spec.widget]).toBeTypeOf('function');
      }
    }
  });

  it('summarises a configured step for the canvas', () => {
    const settings = nodeTypeSchemas.task.settings.parse({
      assignee: { by: 'role', roleIds: ['role-approver'], departmentIds: ['org-lg-scjgj'], scope: 'higher-centre' },
      timeLimitDays: 5,
    });
    expect(nodeDesigns.task.summary!(settings as never, sampleContext)).toBe('锡林郭勒盟市场监督管理局 · 审批人员 · 上级中心 · 5个工作日');
  });
});
