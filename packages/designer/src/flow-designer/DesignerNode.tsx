import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { FlowNode } from '@xlgl/schema';
import { FlowNodeBox, type FlowNodeMark } from '@xlgl/renderer/progress-view';

/** Data of a canvas node; rebuilt only when its node, summary or problems change, so memo holds. */
export type DesignerNodeData = { node: FlowNode; subtitle?: string; mark?: FlowNodeMark; readOnly: boolean };
export type DesignerFlowNode = Node<DesignerNodeData, 'flow'>;

export const DesignerNode = memo(function DesignerNode({ data, selected }: NodeProps<DesignerFlowNode>) {
  return (
    <FlowNodeBox
      type={data.node.type}
      label={data.node.label}
      settings={data.node.settings}
      subtitle={data.subtitle}
      mark={data.mark}
      selected={selected}
      connectable={!data.readOnly}
    />
  );
});
