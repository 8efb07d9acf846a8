import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';
import { regionCodePattern } from '../shared.js';

export type Address = { regionCode?: string; detail: string };

function detailOf(value: unknown) {
  const address = value as Partial<Address> | null;
  if (!address || typeof address !== 'object') return fail('值不是地址');
  return { ok: true as const, value: address.detail ?? '' };
}

/** 地址: optional region code plus street address; stored as `__region` and `__detail` text columns. */
export const addressField = defineFieldType({
  type: 'address',
  label: '地址',
  group: 'place',
  settings: z.object({
    /** Ask for the region by cascader in front of the street address. */
    withRegion: z.boolean().default(true),
    rootCode: z.string().regex(regionCodePattern, { message: '行政区划代码应为6位、9位或12位数字' }).default('152500'),
  }),
  value: (field) =>
    z.object(
      {
        regionCode: z
          .string()
          .regex(regionCodePattern, { message: `“${field.label}”的行政区划代码应为6位、9位或12位数字` })
          .optional(),
        detail: z
          .string({ message: `“${field.label}”的详细地址必须是文字` })
          .trim()
          .min(1, { message: `请填写“${field.label}”的详细地址` })
          .max(200, { message: `“${field.label}”的详细地址不能超过200个字符` }),
      },
      { message: `“${field.label}”必须是地址` },
    ),
  isEmpty: (value) => {
    if (value === undefined || value === null) return true;
    const address = value as Partial<Address>;
    return !address.regionCode && !address.detail?.trim();
  },
  emptyVerb: '填写',
  columns: [
    { key: 'region', sqlType: 'text' },
    { key: 'detail', sqlType: 'text' },
  ],
  toColumns: (value) => {
    const address = (value ?? {}) as Partial<Address>;
    return { region: address.regionCode ?? null, detail: address.detail ?? null };
  },
  fromColumns: (columns) =>
    columns.region == null && columns.detail == null
      ? null
      : { ...(columns.region != null ? { regionCode: columns.region } : {}), detail: (columns.detail as string | null) ?? '' },
  convertTo: { text: detailOf, textarea: detailOf },
  example: () => ({ regionCode: '152502', detail: '锡林大街1号' }),
});
