import { useEffect, useState } from 'react';
import { Alert, Form, Input, Space, Tag, Typography } from 'antd';
import { nodeTypeSchemas, type FlowDocument, type FlowNode } from '@xlgl/schema';
import { flowNodeColor, flowNodeLooks } from '@xlgl/renderer/progress-view';
import { stripUndefined, updateNode } from '../documentOps.js';
import { nodeDesign } from '../node-types/registry.js';
import type { ReviewProblem } from '../review.js';
import type { FlowDesignerContext } from '../types.js';
import { SchemaSettingsForm } from './SchemaSettingsForm.js';

type Props = {
  node: FlowNode;
  flow: FlowDocument;
  context: FlowDesignerContext;
  readOnly: boolean;
  problems: ReviewProblem[];
  onFlowChange: (flow: FlowDocument, coalesceKey?: string) => void;
};

/** Settings of the selected node: its label and the type's settings panel. */
export function NodePanel({ node, flow, context, readOnly, problems, onFlowChange }: Props) {
  const [label, setLabel] = useState(node.label);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setLabel(node.label);
    setErrors({});
  }, [node.id, node.label]);

  const schema = nodeTypeSchemas[node.type].settings;
  const parsed = schema.safeParse(node.settings);
  const settings = (parsed.success ? parsed.data : node.settings) as Record<string, unknown>;
  const design = nodeDesign(node.type);

  const changeSetting = (key: string, value: unknown) => {
    const next = stripUndefined({ ...settings, [key]: value });
    const result = schema.safeParse(next);
    if (!result.success) {
      setErrors({ [key]: result.error.issues.map((issue) => issue.message).join('；') });
      return;
    }
    setErrors({});
    onFlowChange(updateNode(flow, node.id, { settings: result.data as Record<string, unknown> }), `settings:${node.id}:${key}`);
  };

  const labelProblem = label.trim() === '' ? '节点名称不能为空' : label.trim().length > 50 ? '节点名称不能超过50个字符' : undefined;

  return (
    <div data-testid="node-panel">
      <Space style={{ marginBottom: 8 }} wrap>
        <Tag color={flowNodeColor(node.type, settings)}>{flowNodeLooks[node.type].typeLabel}</Tag>
        <Typography.Text type="secondary" copyable={{ text: node.id }} style={{ fontSize: 12 }}>
          {node.id}
        </Typography.Text>
      </Space>
      {problems.map((problem, index) => (
        <Alert key={index} style={{ marginBottom: 6 }} type={problem.severity === 'error' ? 'error' : 'warning'} showIcon message={problem.message} />
      ))}
      <Form layout="vertical" size="small" component="div">
        <Form.Item label="节点名称" required validateStatus={labelProblem ? 'error' : undefined} help={labelProblem} style={{ marginBottom: 12 }}>
          <Input
            aria-label="节点名称"
            disabled={readOnly}
            value={label}
            maxLength={60}
            onChange={(event) => {
              setLabel(event.target.value);
              const trimmed = event.target.value.trim();
              if (trimmed && trimmed.length <= 50) onFlowChange(updateNode(flow, node.id, { label: trimmed }), `label:${node.id}`);
            }}
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {design.description}
      </Typography.Paragraph>
      <SchemaSettingsForm
        schema={schema}
        panel={design.panel}
        value={settings}
        onChange={changeSetting}
        node={node}
        flow={flow}
        context={context}
        readOnly={readOnly}
        errors={errors}
      />
    </div>
  );
}
