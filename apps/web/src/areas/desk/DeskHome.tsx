import { EyeOutlined, FileAddOutlined, SolutionOutlined, SwapOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../auth/CurrentUserContext.js';
import { AreaLanding, type AreaFeature } from '../../shell/AreaLanding.js';

const features: AreaFeature[] = [
  {
    capability: 'desk.accept',
    title: '受理登记',
    description: '为申请人登记办件，核验材料后受理、不予受理或一次性告知补正。',
    icon: <FileAddOutlined />,
    emptyText: '尚未配置事项，暂无可受理的事项',
  },
  {
    capability: 'desk.handle',
    title: '待办审批',
    description: '办理分配到本人或本岗位的办件环节：审查、审核、审批、会签。',
    icon: <SolutionOutlined />,
    emptyText: '暂无待办办件',
  },
  {
    capability: 'desk.lead',
    title: '部门办件',
    description: '查看本部门全部办件的进度与时限预警。',
    icon: <EyeOutlined />,
    emptyText: '本部门暂无办件',
  },
  {
    capability: 'desk.reassign',
    title: '改派',
    description: '将办件改派给本部门其他经办人。',
    icon: <SwapOutlined />,
    emptyText: '暂无可改派的办件',
  },
];

/** 窗口工作台 landing page. Kept light: this area must load fast at the window. */
export function DeskHome() {
  const user = useCurrentUser();
  const where = user.centreName ?? user.organizationName;
  return <AreaLanding title="窗口工作台" intro={`${where}：受理、审批和跟踪办件。`} features={features} />;
}
