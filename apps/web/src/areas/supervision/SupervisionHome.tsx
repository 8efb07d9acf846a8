import { AlertOutlined, BarChartOutlined, BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../../auth/CurrentUserContext.js';
import { errorMessage } from '../../lib/serverErrors.js';
import { AreaLanding, type AreaFeature } from '../../shell/AreaLanding.js';
import { useTRPC } from '../../trpc.js';

/** 监察与报表 landing page: the scope's running and overdue cases, cards, urges and reports now. */
export function SupervisionHome() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const summary = useQuery(trpc.supervision.summary.queryOptions());
  const reports = useQuery({ ...trpc.reports.list.queryOptions(), enabled: user.capabilities.includes('report.view') });
  const data = summary.data;
  const features: AreaFeature[] = [
    {
      capability: 'supervision.access',
      title: '时限监察',
      description: '按区划和部门查看临近时限（黄牌）与超期（红牌）的办件。',
      icon: <AlertOutlined />,
      to: '/supervision/board',
      action: '打开监察台',
      stats: [
        { label: '在办', value: data?.running },
        { label: '超期在办', value: data?.overdueRunning, tone: 'danger' },
        { label: '本月黄牌', value: data?.yellowThisMonth, tone: 'warning' },
        { label: '本月红牌', value: data?.redThisMonth, tone: 'danger' },
      ],
      emptyText: '暂无在办件和红黄牌',
    },
    {
      capability: 'supervision.urge',
      title: '催办督办',
      description: '对临期、超期办件发出催办，对重点办件立项督办并跟踪反馈。',
      icon: <BellOutlined />,
      to: '/supervision/board',
      action: '去催办',
      stats: [
        { label: '待答复', value: data?.urgesOpen, tone: 'warning' },
        { label: '本月发出', value: data?.urgesThisMonth },
      ],
      emptyText: '暂无催办督办记录',
    },
    {
      capability: 'report.view',
      title: '统计报表',
      description: '查看按区划、部门、事项和时间汇总的办件统计。',
      icon: <BarChartOutlined />,
      to: '/supervision/reports',
      action: '查看报表',
      stats: [
        { label: '报表', value: reports.data?.filter((report) => !report.dashboard).length },
        { label: '驾驶舱', value: reports.data?.filter((report) => report.dashboard).length },
      ],
      emptyText: '尚未定义报表',
    },
  ];
  const failed = summary.error ?? reports.error;
  return (
    <AreaLanding
      title="监察与报表"
      intro="监督办件时限，催办督办，查看统计报表。"
      features={features}
      loading={summary.isLoading || (reports.isLoading && reports.fetchStatus !== 'idle')}
      error={failed ? errorMessage(failed) : undefined}
    />
  );
}
