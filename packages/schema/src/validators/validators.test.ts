import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkOrganizationCode,
  creditCodeCheckCharacter,
  creditCodeSchema,
  emailSchema,
  isCreditCode,
  isEmail,
  isMobile,
  isOrganizationCode,
  isResidentId,
  mobileSchema,
  organizationCodeCheckCharacter,
  parseResidentId,
  residentIdCheckCharacter,
  residentIdSchema,
} from './index.js';

describe('resident ID (GB 11643)', () => {
  it('accepts the known valid example and parses sex and birth date', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      info: { value: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female', sexLabel: '女' },
    });
  });
  it('accepts a lower-case x and normalises it', () => {
    expect(residentIdSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });
  it('computes the check character with the standard weights', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    // sequence 001 is odd → male; the check digit is computed, not copied
    const first17 = '15250219800101001';
    const id = first17 + residentIdCheckCharacter(first17);
    const parsed = parseResidentId(id);
    expect(parsed.ok && parsed.info.sex).toBe('male');
    expect(parsed.ok && parsed.info.sexLabel).toBe('男');
  });
  it('rejects wrong check digits, impossible dates, future dates and bad shapes with Chinese messages', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, message: '身份证号码校验位不正确' });
    expect(parseResidentId('11010519490231002X')).toEqual({ ok: false, message: '身份证号码中的出生日期无效' });
    expect(parseResidentId('11010519491331002X')).toEqual({ ok: false, message: '身份证号码中的出生日期无效' });
    const future = '15250230000101001';
    expect(parseResidentId(future + residentIdCheckCharacter(future), new Date('2026-01-01'))).toEqual({
      ok: false,
      message: '身份证号码中的出生日期晚于今天',
    });
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, message: '身份证号码应为18位' });
    expect(parseResidentId('1101051949123100AX')).toEqual({ ok: false, message: '身份证号码前17位应为数字，最后一位为数字或X' });
    expect(isResidentId('')).toBe(false);
  });
  it('handles leap days', () => {
    const leap = '15250220000229002';
    expect(isResidentId(leap + residentIdCheckCharacter(leap))).toBe(true);
    const notLeap = '15250219000229002';
    expect(parseResidentId(notLeap + residentIdCheckCharacter(notLeap))).toEqual({ ok: false, message: '身份证号码中的出生日期无效' });
  });
  it('reports the message through zod', () => {
    const result = residentIdSchema.safeParse('110105194912310021');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('身份证号码校验位不正确');
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts the known valid examples', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(isCreditCode('91330102MA28NBU477')).toBe(true);
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91330102MA28NBU47')).toBe('7');
    expect(creditCodeSchema.parse('91330102ma28nbu477')).toBe('91330102MA28NBU477');
  });
  it('rejects wrong check characters, forbidden letters and wrong lengths', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, message: '统一社会信用代码校验位不正确' });
    expect(checkCreditCode('91330102MA28NBU47')).toEqual({ ok: false, message: '统一社会信用代码应为18位' });
    expect(checkCreditCode('91350100M000100I43')).toEqual({
      ok: false,
      message: '统一社会信用代码含有非法字符“I”（不使用I、O、S、V、Z）',
    });
    expect(checkCreditCode('91A50100M000100Y43')).toEqual({ ok: false, message: '统一社会信用代码第3至8位应为行政区划代码' });
    expect(isCreditCode('91330102MA28NBU478')).toBe(false);
  });
});

describe('organisation code (GB 11714)', () => {
  it('accepts the organisation codes embedded in the valid credit codes', () => {
    // characters 9–17 of a unified social credit code are the organisation code
    expect(checkOrganizationCode('M000100Y4')).toEqual({ ok: true, value: 'M000100Y4' });
    expect(isOrganizationCode('MA28NBU47')).toBe(true);
    expect(isOrganizationCode('MA28NBU4-8')).toBe(false);
    expect(checkOrganizationCode('MA28NBU4-7')).toEqual({ ok: true, value: 'MA28NBU47' });
  });
  it('maps 10 to X and 11 to 0', () => {
    expect(organizationCodeCheckCharacter('D2143569')).toBe('X');
    expect(organizationCodeCheckCharacter('00000000')).toBe('0');
    expect(isOrganizationCode('D2143569X')).toBe(true);
  });
  it('rejects wrong check characters and shapes', () => {
    expect(checkOrganizationCode('M000100Y5')).toEqual({ ok: false, message: '组织机构代码校验码不正确' });
    expect(checkOrganizationCode('M000100Y')).toEqual({ ok: false, message: '组织机构代码应为9位（8位本体代码加1位校验码）' });
    expect(checkOrganizationCode('M00010_Y4')).toEqual({ ok: false, message: '组织机构代码本体应为数字或大写字母，校验码应为数字或X' });
  });
});

describe('mobile and e-mail', () => {
  it('accepts every 13–19 segment without a whitelist', () => {
    for (const second of '3456789') expect(isMobile(`1${second}012345678`)).toBe(true);
    expect(isMobile('12012345678')).toBe(false);
    expect(isMobile('1381234567')).toBe(false);
    expect(isMobile('138123456789')).toBe(false);
    expect(mobileSchema.safeParse('10012345678').error?.issues[0].message).toBe('手机号码应为以1开头、第二位为3至9的11位数字');
  });
  it('checks e-mail shape', () => {
    expect(isEmail('zhang.san@xlgl.gov.cn')).toBe(true);
    expect(isEmail('a@b')).toBe(false);
    expect(isEmail('a b@c.cn')).toBe(false);
    expect(emailSchema.safeParse('@xlgl.gov.cn').error?.issues[0].message).toBe('电子邮箱格式不正确');
  });
});
