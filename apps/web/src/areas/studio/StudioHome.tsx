import { AuditOutlined, BarChartOutlined, BranchesOutlined, FileProtectOutlined, FormOutlined, ProfileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../lib/serverErrors.js';
import { AreaLanding, type AreaFeature } from '../../shell/AreaLanding.js';
import { useTRPC } from '../../trpc.js';

/** 配置中心 landing page: the editors the user's roles open, with what each holds now. */
export function StudioHome() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.studio.summary.queryOptions());
  const data = summary.data;
  const documents = (kind: keyof NonNullable<typeof data>['documents']) => data?.documents[kind];
  /** 已发布 and 草稿 of a designer's documents. */
  const publishedAndDrafts = (kind: 'flow' | 'form') => [
    { label: '已发布', value: documents(kind)?.published },
    { label: '草稿', value: documents(kind)?.drafts },
  ];
  const features: AreaFeature[] = [
    {
      capability: 'studio.item.edit',
      title: '事项编制',
      description: '按政务服务事项目录编制事项：申请材料、办理时限、收费、受理条件与办理流程。',
      icon: <ProfileOutlined />,
      to: '/studio/items',
      action: '管理事项',
      stats: [
        { label: '已发布', value: data?.items.published },
        { label: '编制中', value: data?.items.inProgress },
        { label: '审核中', value: data?.items.inReview },
      ],
      emptyText: '尚未配置事项',
    },
    {
      capability: 'studio.item.review',
      title: '事项审核',
      description: '审改部门审核配置员提交的事项，通过后发布，驳回时写明理由。',
      icon: <AuditOutlined />,
      to: '/studio/item-review',
      action: '去审核',
      stats: [{ label: '待我审核', value: data ? (data.reviewQueue ?? 0) : undefined, tone: 'warning' }],
      emptyText: '暂无待审核的事项',
    },
    {
      capability: 'studio.flow.edit',
      title: '流程设计',
      description: '以图形方式设计办理流程：环节、并联审批、会签、条件分支与上报。',
      icon: <BranchesOutlined />,
      to: '/studio/flows',
      action: '设计流程',
      stats: publishedAndDrafts('flow'),
      emptyText: '尚未设计流程',
    },
    {
      capability: 'studio.form.edit',
      title: '表单设计',
      description: '设计一表制申请表单，字段校验随表单定义一并生效。',
      icon: <FormOutlined />,
      to: '/studio/forms',
      action: '设计表单',
      stats: publishedAndDrafts('form'),
      emptyText: '尚未设计表单',
    },
    {
      capability: 'studio.template.edit',
      title: '证照与文书模板',
      description: '设计办结后出具的证照和受理通知书、补正告知书等文书。',
      icon: <FileProtectOutlined />,
      to: '/studio/templates',
      action: '管理模板',
      stats: [
        { label: '证照模板', value: documents('certificate-template')?.published },
        { label: '文书模板', value: documents('document-template')?.published },
        { label: '草稿', value: data ? documents('certificate-template')!.drafts + documents('document-template')!.drafts : undefined },
      ],
      emptyText: '尚未配置模板',
    },
    {
      capability: 'studio.report.edit',
      title: '报表设计',
      description: '按区划、部门、事项和时间维度定义统计报表。',
      icon: <BarChartOutlined />,
      to: '/supervision/designer',
      action: '设计报表',
      stats: [{ label: '报表', value: documents('report')?.published }],
      emptyText: '尚未定义报表',
    },
  ];
  return (
    <AreaLanding
      title="配置中心"
      intro="配置政务服务事项及其表单、流程、证照与报表，经审核后发布到窗口使用。"
      features={features}
      loading={summary.isLoading}
      error={summary.isError ? errorMessage(summary.error) : undefined}
    />
  );
}
