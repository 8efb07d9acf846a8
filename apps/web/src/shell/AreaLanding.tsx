import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Capability } from '@xlgl/schema';
import { useCurrentUser } from '../auth/CurrentUserContext.js';

/** A live figure on a feature's card. */
export type AreaStat = { label: string; value: number | undefined; tone?: 'warning' | 'danger' };

/** Something a user can do in an area, shown when they hold its capability. */
export type AreaFeature = {
  capability: Capability;
  title: string;
  description: string;
  icon: ReactNode;
  /** The page where the work is done, and the words of the link to it. */
  to: string;
  action: string;
  /** What the feature holds now, from the area's summary. */
  stats: AreaStat[];
  /** Said instead of the figures when all of them are zero (e.g. 尚未配置事项). */
  emptyText: string;
};

const toneColors = { warning: '#d48806', danger: '#cf1322' } as const;

function FeatureBody({ feature, loading }: { feature: AreaFeature; loading: boolean }) {
  if (!loading && feature.stats.every((stat) => stat.value === 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={feature.emptyText} style={{ margin: '8px 0' }} />;
  return (
    <Row gutter={[16, 8]}>
      {feature.stats.map((stat) => (
        <Col key={stat.label} span={Math.max(6, Math.floor(24 / feature.stats.length))}>
          <Statistic
            title={stat.label}
            value={stat.value ?? 0}
            loading={loading}
            valueStyle={stat.tone && (stat.value ?? 0) > 0 ? { color: toneColors[stat.tone] } : undefined}
          />
        </Col>
      ))}
    </Row>
  );
}

/**
 * An area's landing page: the features the user's roles open, each with a link to its page and what it
 * holds now (`loading` while the summary is on its way; `error` when it could not be read, so no figure
 * pretends to be zero). Imports no runtime code from @xlgl/schema (zod) so the first load stays light.
 */
export function AreaLanding({ title, intro, features, loading = false, error }: { title: string; intro: string; features: AreaFeature[]; loading?: boolean; error?: string }) {
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
      {error && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="统计数据暂时无法读取" description={error} />}
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
              extra={
                <Link to={feature.to}>
                  <Button type="link">{feature.action}</Button>
                </Link>
              }
              style={{ height: '100%' }}
            >
              <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
                {feature.description}
              </Typography.Paragraph>
              {!error && <FeatureBody feature={feature} loading={loading} />}
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
