import { useEffect, useState } from 'react';
import { Alert, Form, Input, Switch, Typography } from 'antd';
import type { FlowDocument, FlowEdge } from '@xlgl/schema';
import { ConditionBuilder } from '../condition/ConditionBuilder.js';
import { updateEdge } from '../documentOps.js';
import type { ReviewProblem } from '../review.js';
import type { FlowDesignerContext } from '../types.js';

type Props = {
  edge: FlowEdge;
  flow: FlowDocument;
  context: FlowDesignerContext;
  readOnly: boolean;
  problems: ReviewProblem[];
  onFlowChange: (flow: FlowDocument, coalesceKey?: string) => void;
};

/** Settings of the selected edge: its label and, out of a condition node, the condition or default flag. */
export function EdgePanel({ edge, flow, context, readOnly, problems, onFlowChange }: Props) {
  const [label, setLabel] = useState(edge.label ?? '');
  useEffect(() => setLabel(edge.label ?? ''), [edge.id, edge.label]);
  const source = flow.nodes.find((node) => node.id === edge.source);
  const target = flow.nodes.find((node) => node.id === edge.target);
  const fromCondition = source?.type === 'condition';

  return (
    <div data-testid="edge-panel">
      <Typography.Paragraph>
        连线：{source?.label} → {target?.label}
      </Typography.Paragraph>
      {problems.map((problem, index) => (
        <Alert key={index} style={{ marginBottom: 6 }} type={problem.severity === 'error' ? 'error' : 'warning'} showIcon message={problem.message} />
      ))}
      <Form layout="vertical" size="small" component="div">
        <Form.Item label="连线名称" style={{ marginBottom: 12 }}>
          <Input
            aria-label="连线名称"
            disabled={readOnly}
            maxLength={50}
            value={label}
            placeholder="如：符合条件"
            onChange={(event) => {
              setLabel(event.target.value);
              onFlowChange(updateEdge(flow, edge.id, { label: event.target.value.trim() || undefined }), `edge-label:${edge.id}`);
            }}
          />
        </Form.Item>
        {fromCondition ? (
          <>
            <Form.Item label="默认路径" help="其他条件都不满足时走此路径；每个条件分支恰有一条默认路径" style={{ marginBottom: 12 }}>
              <Switch
                aria-label="默认路径"
                disabled={readOnly}
                checked={Boolean(edge.isDefault)}
                onChange={(isDefault) =>
                  onFlowChange(updateEdge(flow, edge.id, isDefault ? { isDefault: true, condition: undefined } : { isDefault: undefined }))
                }
              />
            </Form.Item>
            {!edge.isDefault && (
              <Form.Item label="条件" style={{ marginBottom: 12 }}>
                <ConditionBuilder
                  value={edge.condition}
                  fields={context.formFields}
                  readOnly={readOnly}
                  onChange={(condition) => onFlowChange(updateEdge(flow, edge.id, { condition }), `edge-condition:${edge.id}`)}
                />
              </Form.Item>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">只有“条件分支”节点连出的线可以设置条件。</Typography.Text>
        )}
      </Form>
    </div>
  );
}
