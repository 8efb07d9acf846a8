import { describe, expect, it } from 'vitest';
import { organizationDocument } from './organization.js';

const department = {
  id: 'org-qa-department',
  kind: 'organization',
  schemaVersion: 1,
  name: '锡林郭勒盟市场监督管理局',
  type: 'department',
  regionCode: '152500',
  parentId: 'org-league-centre',
};

describe('organization credit code', () => {
  it('accepts a code whose check character is right', () => {
    expect(organizationDocument.safeParse({ ...department, creditCode: '91330102MA28NBU477' }).success).toBe(true);
  });

  it('refuses a code of the right shape with a wrong check character (it feeds item implementation codes)', () => {
    const result = organizationDocument.safeParse({ ...department, creditCode: '91330102MA28NBU478' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('统一社会信用代码校验位不正确或第3至8位不是行政区划代码');
  });

  it('refuses lower-case letters and letters the standard leaves out', () => {
    expect(organizationDocument.safeParse({ ...department, creditCode: '91330102ma28nbu477' }).success).toBe(false);
    expect(organizationDocument.safeParse({ ...department, creditCode: '91330102MA28NBUO77' }).success).toBe(false);
  });

  it('leaves the code optional', () => {
    expect(organizationDocument.safeParse(department).success).toBe(true);
  });
});
