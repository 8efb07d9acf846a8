import { memo, useState } from 'react';
import { Button, Empty, Tag, Typography } from 'antd';
import { CloseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { ReviewProblem } from './review.js';

type Props = { problems: ReviewProblem[]; onFocus: (problem: ReviewProblem) => void; pending: boolean };

/** Rows drawn at first: a large flow can have hundreds of findings, re-drawn after every edit. */
const firstRows = 50;

/** The review's findings, errors first; clicking one selects and centres its node or edge. */
export const ProblemsPanel = memo(function ProblemsPanel({ problems, onFocus, pending }: Props) {
  const [showAll, setShowAll] = useState(false);
  if (problems.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pending ? '正在检查…' : '未发现问题，可以发布'} />;
  }
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const shown = showAll ? sorted : sorted.slice(0, firstRows);
  return (
    <div data-testid="problems-panel">
      {shown.map((problem, index) => (
        <div
          key={index}
          role="button"
          tabIndex={0}
          data-testid="problem-item"
          data-rule-id={problem.ruleId}
          onClick={() => onFocus(problem)}
          onKeyDown={(event) => event.key === 'Enter' && onFocus(problem)}
          style={{ display: 'flex', gap: 6, padding: '4px 8px', borderBottom: '1px solid #f5f5f5', cursor: problem.nodeId || problem.edgeId ? 'pointer' : 'default', fontSize: 12 }}
        >
          <span style={{ color: problem.severity === 'error' ? '#ff4d4f' : '#fa8c16', paddingTop: 1 }}>
            {problem.severity === 'error' ? <CloseCircleOutlined /> : <WarningOutlined />}
          </span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div>{problem.message}</div>
            {problem.path && problem.path.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                路径：{problem.path.map((step) => step.label).join(' → ')}
              </Typography.Text>
            )}
          </div>
          <Tag style={{ fontSize: 10, marginInlineEnd: 0, height: 18, lineHeight: '16px' }}>{problem.ruleId}</Tag>
        </div>
      ))}
      {shown.length < sorted.length && (
        <Button type="link" size="small" onClick={() => setShowAll(true)} style={{ fontSize: 12 }}>
          显示其余{sorted.length - shown.length}个问题
        </Button>
      )}
    </div>
  );
});
