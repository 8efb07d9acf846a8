import { BarChartOutlined, FileAddOutlined, SolutionOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/CurrentUserContext.js';
import { useTRPC } from '../../trpc.js';

type Entry = { capability: string; title: string; description: string; icon: ReactNode; to: string; action: string; extra?: ReactNode };

/** 窗口工作台 landing page: what the user can do here, with their current to-do count. */
export function DeskHome() {
  const user = useCurrentUser();
  const trpc = useTRPC();
  const summary = useQuery(trpc.desk.summary.queryOptions());
  const where = user.centreName ?? user.organizationName;
  const entries: Entry[] = [
    { capability: 'desk.accept', title: '受理登记', description: '按名称、编码或拼音首字母查找事项，核验申请人和材料后受理、一次性告知补正或不予受理。', icon: <FileAddOutlined />, to: '/desk/accept', action: '开始受理' },
    {
      capability: 'desk.access',
      title: '我的办件',
      description: '待办、已办和关注的办件；按时限状态着色，新待办实时提醒。',
      icon: <SolutionOutlined />,
      to: '/desk/inbox',
      action: '打开办件',
      extra: (
        <Row gutter={16}>
          {(
            [
              ['待办', summary.data?.todo, '/desk/inbox', undefined],
              ['临近时限', summary.data?.todoYellow, '/desk/inbox?status=yellow', '#d48806'],
              ['已超期', summary.data?.todoRed, '/desk/inbox?status=red', '#cf1322'],
            ] as const
          ).map(([title, value, to, color]) => (
            <Col key={title} span={8}>
              <Link to={to} aria-label={`${title}办件`}>
                <Statistic title={title} value={value ?? 0} loading={summary.isLoading} valueStyle={color && (value ?? 0) > 0 ? { color } : undefined} />
              </Link>
            </Col>
          ))}
        </Row>
      ),
    },
    { capability: 'report.view', title: '收费统计', description: '本中心的收费、减免统计，导出非税收入数据。', icon: <BarChartOutlined />, to: '/desk/fees', action: '查看统计' },
  ];
  const visible = entries.filter((entry) => user.capabilities.includes(entry.capability as never));
  return (
    <PageContainer
      title="窗口工作台"
      content={
        <Space direction="vertical" size={8}>
          <Typography.Text type="secondary">{where}：受理、审批和跟踪办件。</Typography.Text>
          <Space size={[4, 4]} wrap>
            <Typography.Text type="secondary">您的角色：</Typography.Text>
            {user.roleNames.map((name) => (
              <Tag key={name} color="blue">
                {name}
              </Tag>
            ))}
          </Space>
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        {visible.map((entry) => (
          <Col key={entry.to} xs={24} md={12} xl={8}>
            <Card title={<Space>{entry.icon}{entry.title}</Space>} style={{ height: '100%' }} extra={<Link to={entry.to}><Button type="link">{entry.action}</Button></Link>}>
              <Typography.Paragraph type="secondary">{entry.description}</Typography.Paragraph>
              {entry.extra}
            </Card>
          </Col>
        ))}
      </Row>
    </PageContainer>
  );
}
