import type { FlowDocument } from '@xlgl/schema';
import { defaultWarningThresholds } from '../calendar/index.js';
import { EngineError } from '../errors.js';
import { localDateOf, toInstant } from '../time.js';
import { Execution } from './execution.js';
import type { ActionResult, CaseState, StartCaseOptions } from './types.js';

/**
 * Starts a case on a published flow version: registers it, sets the case deadline and runs the
 * flow up to the first steps that need a person.
 */
export function startCase(flow: FlowDocument, options: StartCaseOptions): ActionResult {
  const starts = flow.nodes.filter((node) => node.type === 'start');
  if (starts.length !== 1) throw new EngineError('invalid-flow', `流程“${flow.name}”应恰好有一个开始节点（当前${starts.length}个），不能启动办件`);
  if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(options.regionCode)) throw new EngineError('invalid-region', `受理中心的区划代码“${options.regionCode}”格式不正确`);
  const startedAt = toInstant(options.now);
  const state: CaseState = {
    version: 1,
    flowId: flow.id,
    flowVersion: flow.version,
    status: 'running',
    regionCode: options.regionCode,
    startedAt,
    startDate: localDateOf(startedAt),
    thresholds: options.thresholds ?? defaultWarningThresholds,
    data: { ...(options.data ?? {}) },
    facts: { feePaid: options.feePaid ?? false, certificatePrinted: false },
    tokens: [],
    tasks: [],
    splits: [],
    votes: [],
    pauses: [],
    withdrawable: [],
    handlers: {},
    sequence: 0,
  };
  if (options.timeLimitDays !== undefined) state.timeLimitDays = options.timeLimitDays;
  const exec = new Execution(flow, state, options.calendar, options.now, options.actor);
  exec.scheduleCase();
  exec.enterNode(starts[0]!.id, []);
  return { state: exec.state, effects: exec.effects };
}
