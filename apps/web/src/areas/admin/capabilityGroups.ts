import { capabilities, capabilityLabels, type Capability } from '@xlgl/schema';

export type CapabilityGroup = { key: string; label: string; capabilities: { value: Capability; label: string }[] };

const groups: { key: string; label: string; belongs: (capability: Capability) => boolean }[] = [
  { key: 'studio', label: '配置中心', belongs: (capability) => capability.startsWith('studio.') },
  { key: 'desk', label: '窗口工作台', belongs: (capability) => capability.startsWith('desk.') },
  { key: 'supervision', label: '监察与报表', belongs: (capability) => capability.startsWith('supervision.') || capability.startsWith('report.') },
  { key: 'admin', label: '系统管理', belongs: (capability) => capability.startsWith('admin.') },
];

/**
 * The capabilities of the schema grouped by area for the role editor, each with its Chinese label.
 * A capability no group claims lands in 其他 so a new one is never hidden from administrators.
 */
export function capabilityGroups(): CapabilityGroup[] {
  const result: CapabilityGroup[] = groups.map((group) => ({ key: group.key, label: group.label, capabilities: [] }));
  const other: CapabilityGroup = { key: 'other', label: '其他', capabilities: [] };
  for (const capability of capabilities) {
    const index = groups.findIndex((group) => group.belongs(capability));
    (index >= 0 ? result[index] : other).capabilities.push({ value: capability, label: capabilityLabels[capability] });
  }
  return other.capabilities.length > 0 ? [...result, other] : result;
}
