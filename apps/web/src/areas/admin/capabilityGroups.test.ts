import { describe, expect, it } from 'vitest';
import { capabilities } from '@xlgl/schema';
import { capabilityGroups } from './capabilityGroups.js';

describe('capabilityGroups', () => {
  it('lists every capability exactly once', () => {
    const listed = capabilityGroups().flatMap((group) => group.capabilities.map((entry) => entry.value));
    expect([...listed].sort()).toEqual([...capabilities].sort());
  });

  it('groups by area with Chinese labels', () => {
    const supervision = capabilityGroups().find((group) => group.key === 'supervision');
    expect(supervision?.capabilities).toEqual([
      { value: 'supervision.access', label: '进入监察与报表' },
      { value: 'supervision.urge', label: '催办督办' },
      { value: 'report.view', label: '查看报表' },
    ]);
  });
});
