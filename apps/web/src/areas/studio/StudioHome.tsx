import { AuditOutlined, BarChartOutlined, BranchesOutlined, FileProtectOutlined, FormOutlined, ProfileOutlined } from '@ant-design/icons';
import { AreaLanding, type AreaFeature } from '../../shell/AreaLanding.js';

const features: AreaFeature[] = [
  {
    capability: 'studio.item.edit',
    title: '事项编制',
    description: '按政务服务事项目录编制事项：申请材料、办理时限、收费、受理条件与办理流程。',
    icon: <ProfileOutlined />,
    emptyText: '尚未配置事项',
  },
  {
    capability: 'studio.item.review',
    title: '事项审核',
    description: '审改部门审核配置员提交的事项，通过后发布，驳回时写明理由。',
    icon: <AuditOutlined />,
    emptyText: '暂无待审核的事项',
  },
  {
    capability: 'studio.flow.edit',
    title: '流程设计',
    description: '以图形方式设计办理流程：环节、并联审批、会签、条件分支与上报。',
    icon: <BranchesOutlined />,
    emptyText: '尚未设计流程',
  },
  {
    capability: 'studio.form.edit',
    title: '表单设计',
    description: '设计一表制申请表单，字段校验随表单定义一并生效。',
    icon: <FormOutlined />,
    emptyText: '尚未设计表单',
  },
  {
    capability: 'studio.template.edit',
    title: '证照与文书模板',
    description: '设计办结后出具的证照和受理通知书、补正告知书等文书。',
    icon: <FileProtectOutlined />,
    emptyText: '尚未配置模板',
  },
  {
    capability: 'studio.report.edit',
    title: '报表设计',
    description: '按区划、部门、事项和时间维度定义统计报表。',
    icon: <BarChartOutlined />,
    emptyText: '尚未定义报表',
  },
];

/** 配置中心 landing page: the editors the user's roles open. */
export function StudioHome() {
  return <AreaLanding title="配置中心" intro="配置政务服务事项及其表单、流程、证照与报表，经审核后发布到窗口使用。" features={features} />;
}
