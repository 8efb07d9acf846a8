import { Alert, Collapse, Empty, List, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { PlannedChange } from '../types.js';

/** The server's planned database change for publishing, in plain words, risks first in red. */
export function PlannedChanges({ changes, statements }: { changes: PlannedChange[] | undefined; statements?: string[] }) {
  if (!changes) return <Typography.Text type="secondary">保存草稿后由服务器计算发布时计划的数据库变更。</Typography.Text>;
  if (changes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="发布这个版本不需要改动数据库" />;
  const risky = changes.filter((change) => change.risk).length;
  return (
    <div data-testid="planned-changes">
      {risky > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`有 ${risky} 项变更存在风险，请在发布前确认`} />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 8 }} message="所有变更都只增加列或表，不会丢失数据" />
      )}
      <List
        size="small"
        dataSource={changes}
        renderItem={(change) => (
          <List.Item>
            <div>
              <div>{change.summary}</div>
              {change.risk && (
                <Typography.Text type="danger">
                  <WarningOutlined /> {change.risk}
                </Typography.Text>
              )}
            </div>
          </List.Item>
        )}
      />
      {statements && statements.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'sql',
              label: `SQL 语句（${statements.length} 条，在同一事务中执行）`,
              children: <pre className="xfd-json">{statements.join(';\n\n')}</pre>,
            },
          ]}
        />
      )}
    </div>
  );
}
