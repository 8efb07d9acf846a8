import { AlertOutlined, BarChartOutlined, BellOutlined } from '@ant-design/icons';
import { AreaLanding, type AreaFeature } from '../../shell/AreaLanding.js';

const features: AreaFeature[] = [
  {
    capability: 'supervision.access',
    title: '时限监察',
    description: '按区划和部门查看临近时限（黄牌）与超期（红牌）的办件。',
    icon: <AlertOutlined />,
    emptyText: '暂无预警或超期办件',
  },
  {
    capability: 'supervision.urge',
    title: '催办督办',
    description: '对临期、超期办件发出催办，对重点办件立项督办并跟踪反馈。',
    icon: <BellOutlined />,
    emptyText: '暂无催办督办记录',
  },
  {
    capability: 'report.view',
    title: '统计报表',
    description: '查看按区划、部门、事项和时间汇总的办件统计。',
    icon: <BarChartOutlined />,
    emptyText: '尚未定义报表',
  },
];

/** 监察与报表 landing page. */
export function SupervisionHome() {
  return <AreaLanding title="监察与报表" intro="监督办件时限，催办督办，查看统计报表。" features={features} />;
}
