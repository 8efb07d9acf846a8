import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { documentId } from '../../ids.js';

export type MaterialFile = { fileId: string; name: string; size: number; mimeType?: string };

/** Lower-case file extension without the dot. */
function extension(name: string): string {
  const index = name.lastIndexOf('.');
  return index < 0 ? '' : name.slice(index + 1).toLowerCase();
}

/**
 * 材料: an upload slot bound to one material of the item (`settings.materialId`). The value lists
 * files already stored (by the shared materials library, content-addressed); stored as `jsonb`.
 */
export const materialField = defineFieldType({
  type: 'material',
  label: '材料',
  group: 'attachment',
  settings: z.object({
    /** Id of the item material (事项材料) this slot collects. */
    materialId: documentId,
    accept: z
      .array(z.string().regex(/^[a-z0-9]{1,10}$/, { message: '文件扩展名只能含小写字母和数字' }))
      .min(1, { message: '至少允许一种文件类型' })
      .default(['pdf', 'jpg', 'jpeg', 'png', 'ofd']),
    maxSizeMb: z.number().int().min(1).max(200, { message: '单个文件不能超过200MB' }).default(20),
    maxFiles: z.number().int().min(1).max(50).default(5),
  }),
  value: (field) => {
    const { accept, maxSizeMb, maxFiles } = field.settings;
    const file = z.object({
      fileId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, { message: `“${field.label}”的文件标识不正确` }),
      name: z
        .string()
        .min(1, { message: `“${field.label}”的文件名不能为空` })
        .max(200, { message: `“${field.label}”的文件名不能超过200个字符` })
        .refine((name) => accept.includes(extension(name)), { message: `“${field.label}”只接受${accept.join('、')}文件` }),
      size: z
        .number()
        .int()
        .min(0)
        .max(maxSizeMb * 1024 * 1024, { message: `“${field.label}”的单个文件不能超过${maxSizeMb}MB` }),
      mimeType: z.string().max(100).optional(),
    });
    return z
      .array(file, { message: `“${field.label}”必须是文件列表` })
      .max(maxFiles, { message: `“${field.label}”最多上传${maxFiles}个文件` });
  },
  emptyVerb: '上传',
  columns: [{ key: '', sqlType: 'jsonb' }],
  convertTo: {},
  example: () => [{ fileId: 'sha256-3f2a', name: '申请书.pdf', size: 102_400, mimeType: 'application/pdf' }],
});
