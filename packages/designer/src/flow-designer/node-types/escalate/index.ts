import type { NodeDesign } from '../definition.js';

/** 上报: the case goes to the higher-level centre. */
export const escalateDesign: NodeDesign<'escalate'> = {
  type: 'escalate',
  group: '上报与暂停',
  description: '上报上级政务服务中心办理；其后环节的办理人应为“上级中心”，并以“结果下发”返回',
  presets: [{ key: 'escalate', label: '上报' }],
  panel: [{ key: 'targetOrganizationId', label: '上报至', widget: 'centre', help: '不选时为受理中心的上级中心' }],
  summary: (settings, context) =>
    context.organizations.find((organization) => organization.id === settings.targetOrganizationId)?.name ?? '上级中心',
};
