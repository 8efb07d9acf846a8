import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, type AnyDocument, type FlowDocument, type FormDocument, type ItemDocument, type OrganizationDocument, type UserDocument } from '@xlgl/schema';
import { actorFromDocuments, applyAction, availableActions, reviewContextFromDocuments, reviewFlow, startCase, type CaseState } from '../index.js';
import { calendar, monday } from '../testing/fixtures.js';

const metadata = join(import.meta.dirname, '..', '..', '..', '..', 'metadata');

function load<T extends AnyDocument>(folder: string): T[] {
  const dir = join(metadata, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const result = parseDocument(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!result.ok) throw new Error(`${folder}/${name}: ${JSON.stringify(result.issues)}`);
      return result.document as T;
    });
}

const flows = load<FlowDocument>('flows');
const items = load<ItemDocument>('items');
const forms = load<FormDocument>('forms');
const users = load<UserDocument>('users');
const organizations = load<OrganizationDocument>('organizations');
const flowById = new Map(flows.map((flow) => [flow.id, flow]));
const actor = (account: string) => actorFromDocuments(users.find((user) => user.account === account)!, organizations);

describe('shipped flows in metadata/flows', () => {
  it('exist for every shipped item', () => {
    expect(items.filter((item) => item.flowId && !flowById.has(item.flowId)).map((item) => item.flowId)).toEqual([]);
  });

  it.each(items.filter((item) => item.flowId).map((item) => [item.flowId!, item] as const))('%s passes the review without problems', (_, item) => {
    const flow = flowById.get(item.flowId!)!;
    const context = reviewContextFromDocuments({ item, form: forms.find((form) => form.id === flow.formId), users, organizations });
    expect(reviewFlow(flow, context)).toEqual([]);
  });

  function drive(flow: FlowDocument, state: CaseState, steps: Array<[account: string, action?: 'record-payment' | 'record-print']>): CaseState {
    let now = new Date(monday).getTime();
    for (const [account, special] of steps) {
      const who = actor(account);
      now += 3_600_000;
      const options = { now: new Date(now), calendar, actor: who };
      if (special) {
        state = applyAction(flow, state, { type: special }, options).state;
        continue;
      }
      const approve = availableActions(flow, state, who).find((action) => action.type === 'approve' && !action.disabledReason);
      expect(approve, `${account} has nothing to approve at ${state.tasks.map((task) => task.label).join('、')}`).toBeDefined();
      state = applyAction(flow, state, { type: 'approve', taskId: approve!.taskId! }, options).state;
    }
    return state;
  }

  it('runs the 锡林浩特市 → league escalation flow with the demo accounts', () => {
    const flow = flowById.get('flow-xl-grassland-occupation')!;
    let { state } = startCase(flow, { now: monday, calendar, regionCode: '152502', actor: actor('xl.window'), timeLimitDays: 15 });
    state = drive(flow, state, [['xl.window'], ['xl.lcj.approver'], ['xl.lcj.approver']]);
    expect(state.escalation?.regionCode).toBe('152500');
    expect(availableActions(flow, state, actor('xl.lcj.approver'))).toEqual([]);
    state = drive(flow, state, [['lg.lcj.approver'], ['lg.lcj.leader']]);
    expect(state.escalation).toBeUndefined();
    expect(state.tasks.map((task) => [task.label, task.regionCode])).toEqual([['缴纳草原植被恢复费', '152502']]);
    state = drive(flow, state, [['xl.window', 'record-payment'], ['xl.window', 'record-print'], ['xl.window']]);
    expect(state.outcome).toBe('approved');
  });

  it('runs the five-department parallel flow of 企业开办 and joins once', () => {
    const flow = flowById.get('flow-business-startup')!;
    let { state } = startCase(flow, { now: monday, calendar, regionCode: '152500', actor: actor('lg.window2'), timeLimitDays: 1 });
    state = drive(flow, state, [['lg.window2']]);
    expect(state.tasks).toHaveLength(5);
    state = drive(flow, state, [['lg.gaj.approver'], ['lg.swj.approver'], ['lg.rsj.approver'], ['lg.gjj.approver'], ['lg.approver']]);
    expect(state.tasks.map((task) => task.label)).toEqual(['牵头部门汇总']);
    state = drive(flow, state, [['lg.approver'], ['lg.window2', 'record-print'], ['lg.window2']]);
    expect(state.outcome).toBe('approved');
  });
});
