import type { FlowNodeType, NodeSettings } from '@xlgl/schema';
import type { FlowDesignerContext } from '../types.js';

/** Palette groups, in display order. */
export const paletteGroups = ['事件', '办理环节', '分支与汇合', '关口', '上报与暂停'] as const;
export type PaletteGroup = (typeof paletteGroups)[number];

/** A palette entry: a node type with a ready label and preset settings (e.g. 受理 = task with stage accept). */
export type NodePreset = { key: string; label: string; settings?: Record<string, unknown>; hint?: string };

/**
 * Editors for settings that need more than the schema says (pickers over the directory, the
 * bound form, other nodes). Everything else is inferred from the settings schema.
 */
export type SettingsWidget =
  | 'assignee'
  | 'actions'
  | 'return-targets'
  | 'field-permissions'
  | 'parallel-branches'
  | 'lead-department'
  | 'signers'
  | 'completion'
  | 'centre'
  | 'roles'
  | 'fees'
  | 'certificate-template';

/** One row of a node's settings panel: a key of its settings schema and how to edit it. */
export type SettingsFieldSpec = {
  key: string;
  label: string;
  widget?: SettingsWidget;
  /** Labels of enum values (for inferred selects). */
  enumLabels?: Record<string, string>;
  help?: string;
  /** Suffix for numbers, e.g. 个工作日. */
  unit?: string;
};

/** Everything the designer knows about one node type, declared once in `node-types/<type>/`. */
export type NodeDesign<T extends FlowNodeType = FlowNodeType> = {
  type: T;
  group: PaletteGroup;
  /** One palette entry per preset. */
  presets: NodePreset[];
  /** Short description shown in the palette tooltip. */
  description: string;
  /** Settings panel rows, in order. */
  panel: SettingsFieldSpec[];
  /** Second line on the canvas (assignee, time limit …). */
  summary?: (settings: NodeSettings<T>, context: FlowDesignerContext) => string | undefined;
};
