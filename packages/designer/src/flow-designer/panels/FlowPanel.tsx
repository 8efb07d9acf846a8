import { useEffect, useState } from 'react';
import { Descriptions, Form, Input, Typography } from 'antd';
import type { FlowDocument } from '@xlgl/schema';
import { stripUndefined } from '../documentOps.js';

type Props = {
  flow: FlowDocument;
  readOnly: boolean;
  onFlowChange: (flow: FlowDocument, coalesceKey?: string) => void;
};

/** Shown when nothing is selected: the flow's own name and description. */
export function FlowPanel({ flow, readOnly, onFlowChange }: Props) {
  const [name, setName] = useState(flow.name);
  useEffect(() => setName(flow.name), [flow.id, flow.name]);
  const nameProblem = name.trim() === '' ? '流程名称不能为空' : undefined;
  return (
    <div data-testid="flow-panel">
      <Form layout="vertical" size="small" component="div">
        <Form.Item label="流程名称" required validateStatus={nameProblem ? 'error' : undefined} help={nameProblem} style={{ marginBottom: 12 }}>
          <Input
            aria-label="流程名称"
            disabled={readOnly}
            maxLength={100}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              const trimmed = event.target.value.trim();
              if (trimmed) onFlowChange({ ...flow, name: trimmed }, 'flow-name');
            }}
          />
        </Form.Item>
        <Form.Item label="说明" style={{ marginBottom: 12 }}>
          <Input.TextArea
            disabled={readOnly}
            rows={3}
            maxLength={1000}
            value={flow.description ?? ''}
            onChange={(event) => onFlowChange(stripUndefined({ ...flow, description: event.target.value || undefined }), 'flow-description')}
          />
        </Form.Item>
      </Form>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="版本">{flow.version}</Descriptions.Item>
        <Descriptions.Item label="绑定表单">{flow.formId ? `${flow.formId}${flow.formVersion ? ` 第${flow.formVersion}版` : ''}` : '未绑定'}</Descriptions.Item>
        <Descriptions.Item label="节点 / 连线">
          {flow.nodes.length} / {flow.edges.length}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        选择画布上的节点或连线以编辑其设置。
      </Typography.Paragraph>
    </div>
  );
}
