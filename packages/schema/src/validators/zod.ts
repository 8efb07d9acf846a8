import { z } from 'zod';
import { parseResidentId } from './residentId.js';
import { checkCreditCode } from './creditCode.js';
import { checkOrganizationCode } from './organizationCode.js';
import { isEmail, isMobile } from './contact.js';

/** zod schemas for the validators, with Chinese messages; they normalise to upper case where the standard does. */
export const residentIdSchema = z
  .string({ message: '身份证号码必须是文字' })
  .transform((value, ctx) => {
    const result = parseResidentId(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.info.value;
  });

export const creditCodeSchema = z
  .string({ message: '统一社会信用代码必须是文字' })
  .transform((value, ctx) => {
    const result = checkCreditCode(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });

export const organizationCodeSchema = z
  .string({ message: '组织机构代码必须是文字' })
  .transform((value, ctx) => {
    const result = checkOrganizationCode(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });

export const mobileSchema = z
  .string({ message: '手机号码必须是文字' })
  .trim()
  .refine(isMobile, { message: '手机号码应为以1开头、第二位为3至9的11位数字' });

export const emailSchema = z
  .string({ message: '电子邮箱必须是文字' })
  .trim()
  .refine(isEmail, { message: '电子邮箱格式不正确' });
