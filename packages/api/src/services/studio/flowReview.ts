import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { hasBlockingProblems, reviewContextFromDocuments, reviewFlow, type Problem, type ReviewContext } from '@xlgl/engine';
import type { FlowDocument, FormDocument, ItemDocument, OrganizationDocument, UserDocument } from '@xlgl/schema';
import { metadataDocuments, metadataHeads, readAllDocuments, readDocument, type Db } from '@xlgl/db';
import { describeReviewProblem } from '../../metadata/flow-review-check.js';
import { DocumentValidationError } from '../errors.js';
import { describeDocument } from '../describe.js';
import { readVersion } from './drafts.js';

/**
 * Where running cases of a flow version currently are (rule 16). The case runtime registers a probe
 * here; without one every node of the old version that can hold a case counts as possibly active,
 * which is the safe reading (publication then needs a mapping for every such node that is gone).
 */
export const runningCases: { activeNodeIds?: (db: Db, flow: { id: string; version: number }) => Promise<string[] | undefined> } = {};

export type FlowReviewInput = {
  /** The item whose limits, fees and result the flow is checked against; default: the first item that uses the flow. */
  itemId?: string;
  /** Old node id → new node id, for cases running on the version in force. */
  mapping?: Record<string, string>;
};

export type FlowReviewSetting = {
  context: ReviewContext;
  item: ItemDocument | null;
  form: FormDocument | null;
  /** The version in force (rule 16 compares against it), or null. */
  previous: FlowDocument | null;
};

/** The bound form version: the one the flow names, else the one in force. */
export async function boundForm(db: Db, flow: Pick<FlowDocument, 'formId' | 'formVersion'>): Promise<FormDocument | null> {
  if (!flow.formId) return null;
  if (flow.formVersion) {
    const pinned = await readVersion(db, { kind: 'form', id: flow.formId, version: flow.formVersion });
    if (pinned) return pinned;
  }
  return ((await readDocument(db, 'form', flow.formId))?.body as unknown as FormDocument | undefined) ?? null;
}

async function itemFor(db: Db, flow: FlowDocument, itemId?: string): Promise<ItemDocument | null> {
  if (itemId) {
    const row = await readDocument(db, 'item', itemId);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument('item', itemId)}不存在` });
    return row.body as unknown as ItemDocument;
  }
  const [row] = await db
    .select({ body: metadataDocuments.body })
    .from(metadataHeads)
    .innerJoin(
      metadataDocuments,
      sql`${metadataDocuments.kind} = ${metadataHeads.kind} and ${metadataDocuments.id} = ${metadataHeads.id} and ${metadataDocuments.version} = ${metadataHeads.version}`,
    )
    .where(sql`${metadataHeads.kind} = 'item' and ${metadataDocuments.body}->>'flowId' = ${flow.id}`)
    .orderBy(metadataHeads.id)
    .limit(1);
  return (row?.body as unknown as ItemDocument | undefined) ?? null;
}

/** Everything the engine's review needs for a flow, read from the metadata in force. */
export async function flowReviewSetting(db: Db, flow: FlowDocument, input: FlowReviewInput = {}): Promise<FlowReviewSetting> {
  const [item, form, directory, previousRow] = await Promise.all([
    itemFor(db, flow, input.itemId),
    boundForm(db, flow),
    readAllDocuments(db, ['user', 'organization']),
    readDocument(db, 'flow', flow.id),
  ]);
  const previous = (previousRow?.body as unknown as FlowDocument | undefined) ?? null;
  const activeNodeIds = previous && runningCases.activeNodeIds ? await runningCases.activeNodeIds(db, { id: previous.id, version: previous.version }) : undefined;
  const context = reviewContextFromDocuments({
    item: item ?? undefined,
    form: form ?? undefined,
    users: directory.filter((row) => row.kind === 'user').map((row) => row.body as unknown as UserDocument),
    organizations: directory.filter((row) => row.kind === 'organization').map((row) => row.body as unknown as OrganizationDocument),
    previous: previous ? { flow: previous, activeNodeIds, mapping: input.mapping } : undefined,
  });
  return { context, item, form, previous };
}

export type FlowReviewResult = {
  problems: Problem[];
  errors: number;
  warnings: number;
  /** Publication is refused while this is true. */
  blocked: boolean;
  itemId: string | null;
  formVersion: number | null;
  previousVersion: number | null;
};

export function summarizeReview(problems: Problem[], setting: FlowReviewSetting): FlowReviewResult {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return {
    problems,
    errors,
    warnings: problems.length - errors,
    blocked: hasBlockingProblems(problems),
    itemId: setting.item?.id ?? null,
    formVersion: setting.form?.version ?? null,
    previousVersion: setting.previous?.version ?? null,
  };
}

/** Reviews a flow against the metadata in force (rules 1–16). */
export async function reviewStudioFlow(db: Db, flow: FlowDocument, input: FlowReviewInput = {}): Promise<{ result: FlowReviewResult; setting: FlowReviewSetting }> {
  const setting = await flowReviewSetting(db, flow, input);
  return { result: summarizeReview(reviewFlow(flow, setting.context), setting), setting };
}

/** The refusal of a publication with errors: the message names each rule and node; `issues` point at them. */
export function publicationRefused(flow: FlowDocument, problems: Problem[]): TRPCError {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const issues = errors.map((problem) => {
    const nodeIndex = problem.nodeId ? flow.nodes.findIndex((node) => node.id === problem.nodeId) : -1;
    const edgeIndex = problem.edgeId ? flow.edges.findIndex((edge) => edge.id === problem.edgeId) : -1;
    const path = nodeIndex >= 0 ? ['nodes', nodeIndex] : edgeIndex >= 0 ? ['edges', edgeIndex] : [];
    return { path, message: describeReviewProblem(problem) };
  });
  const shown = issues.slice(0, 5).map((issue) => issue.message);
  return new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `流程“${flow.name}”检查未通过，有${errors.length}个错误，不能发布：${shown.join('；')}${errors.length > 5 ? '……' : ''}`,
    cause: new DocumentValidationError('流程检查未通过', issues),
  });
}
