import { z } from 'zod';

/** Non-empty trimmed Chinese-friendly label. */
export const label = (what = '名称', max = 200) =>
  z
    .string({ message: `${what}必须是文字` })
    .trim()
    .min(1, { message: `${what}不能为空` })
    .max(max, { message: `${what}不能超过${max}个字符` });

export const optionalText = (max = 4000) => z.string().max(max, { message: `不能超过${max}个字符` }).optional();

/** Region code under GB/T 2260 and the statistical division codes: 6, 9 or 12 digits. */
export const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, { message: '行政区划代码应为6位、9位或12位数字' });

export const mobile = z.string().regex(/^1[3-9]\d{9}$/, { message: '手机号码格式不正确' });

/** Working days, integer, 0 allowed for 即办件. */
export const workingDays = z
  .number({ message: '时限必须是数字' })
  .int({ message: '时限必须是整数个工作日' })
  .min(0, { message: '时限不能为负数' })
  .max(3650, { message: '时限不能超过3650个工作日' });
