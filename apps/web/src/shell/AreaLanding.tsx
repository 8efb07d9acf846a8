import { PageContainer } from '@ant-design/pro-components';
import { Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Capability } from '@xlgl/schema';
import { useCurrentUser } from '../auth/CurrentUserContext.js';

/** Something a user can do in an area, shown when they hold its capability. */
export type AreaFeature = {
  capability: Capability;
  title: string;
  description: string;
  icon: ReactNode;
  /** What the feature holds today, stated plainly (e.g. 尚未配置事项). */
  emptyText: string;
};

/**
 * An area's landing page: the features the user's roles open, each with its honest current state.
 * Imports no runtime code from @xlgl/schema (zod) so the desk's first load stays light.
 */
export function AreaLanding({ title, intro, features }: { title: string; intro: string; features: AreaFeature[] }) {
  const user = useCurrentUser();
  const granted = new Set<string>(user.capabilities);
  const visible = features.filter((feature) => granted.has(feature.capability));

  return (
    <PageContainer
      title={title}
      content={
        <Space direction="vertical" size={8}>
          <Typography.Text type="secondary">{intro}</Typography.Text>
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
        {visible.map((feature) => (
          <Col key={feature.capability} xs={24} md={12} xl={8}>
            <Card
              title={
                <Space>
                  {feature.icon}
                  {feature.title}
                </Space>
              }
              style={{ height: '100%' }}
            >
              <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
                {feature.description}
              </Typography.Paragraph>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={feature.emptyText} />
            </Card>
          </Col>
        ))}
        {visible.length === 0 && (
          <Col span={24}>
            <Card>
              <Empty description="您的角色在此区域只有查看权限，暂无可办理的工作" />
            </Card>
          </Col>
        )}
      </Row>
    </PageContainer>
  );
}
