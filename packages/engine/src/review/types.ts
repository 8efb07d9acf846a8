import type { FlowDocument, FlowNode, FlowNodeType } from '@xlgl/schema';
import type { DirectoryUser } from '../assignee/assignee.js';
import type { FlowGraph } from '../model/flow-graph.js';
import type { BlockStructure } from '../model/blocks.js';

export type Severity = 'error' | 'warning';

/** One step of a path shown with a behavioural problem. */
export type PathStep = { nodeId: string; label: string };

/** A finding of the flow review. Errors block publication; warnings are shown. */
export type Problem = {
  ruleId: string;
  severity: Severity;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** For behavioural findings: the steps that lead to the problem, from the start. */
  path?: PathStep[];
};

export type ReviewOrganization = { id: string; name: string; type: string; regionCode: string; parentId?: string };

/** What the review needs to know besides the flow itself. Every part is optional. */
export type ReviewContext = {
  /** The bound form version's fields (conditions and field permissions are checked against them). */
  form?: { fields: Array<{ id: string; type: string; label?: string }> };
  /** The item the flow serves. */
  item?: {
    name?: string;
    /** Region code of the accepting centre. */
    regionCode?: string;
    timeLimit?: { statutory: number; promised: number };
    charges?: boolean;
    issuesCertificate?: boolean;
  };
  /** Users (with activity flag) for assignee resolution at publish time. */
  users?: DirectoryUser[];
  /** Organisations, for escalation targets. */
  organizations?: ReviewOrganization[];
  /** Publishing a new version while cases run on the previous one (rule 16). */
  migration?: {
    previous: FlowDocument;
    /** Node ids of the previous version where running cases currently are; default: every node that can hold a case. */
    activeNodeIds?: string[];
    /** Old node id → new node id. Nodes with the same id and type map implicitly. */
    mapping?: Record<string, string>;
  };
  /** Limit of the behavioural state-space search (default 20 000 states). */
  maxStates?: number;
};

/** Everything a rule sees. */
export type ReviewScope = {
  flow: FlowDocument;
  graph: FlowGraph;
  blocks: BlockStructure;
  context: ReviewContext;
  /** Parsed settings of a node, or undefined when they are invalid (reported separately). */
  settings: (node: FlowNode) => Record<string, unknown> | undefined;
  path: (nodeIds: string[]) => PathStep[];
};

/** A review rule attached to a node type, run once per node of that type. */
export type NodeReviewRule<T extends FlowNodeType = FlowNodeType> = (node: FlowNode & { type: T }, scope: ReviewScope) => Problem[];
