import { describe, expect, it } from 'vitest';
import { startCase } from '../../index.js';
import { buildFlow, calendar, chain, monday } from '../../testing/fixtures.js';

describe('start and end', () => {
  it.each(['approved', 'rejected', 'withdrawn'] as const)('an end node concludes the case as %s', (outcome) => {
    const flow = buildFlow({ nodes: [['s', 'start'], ['m', 'merge'], ['end', 'end', { outcome }]], edges: chain('s', 'm', 'end') });
    const { state, effects } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
    expect(state).toMatchObject({ status: 'concluded', outcome, tokens: [], tasks: [] });
    expect(effects.filter((effect) => effect.type === 'history').map((effect) => effect.type === 'history' && effect.record.stage)).toEqual(['申办', outcome === 'withdrawn' ? '撤回' : '办结']);
  });

  it('refuses a flow without exactly one start', () => {
    const flow = buildFlow({ nodes: [['a', 'start'], ['b', 'start'], ['end', 'end']], edges: [['a', 'end'], ['b', 'end']] });
    expect(() => startCase(flow, { now: monday, calendar, regionCode: '152502' })).toThrow('应恰好有一个开始节点（当前2个）');
  });

  it('refuses to compute deadlines in a year without calendar data', () => {
    const flow = buildFlow({ nodes: [['s', 'start'], ['end', 'end']], edges: chain('s', 'end') });
    expect(() => startCase(flow, { now: '2027-03-01T01:00:00Z', calendar, regionCode: '152502', timeLimitDays: 5 })).toThrow('缺少2027年的节假日安排数据');
  });
});
