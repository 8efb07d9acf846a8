import { z } from 'zod';
import { defineFieldType } from '../definition.js';

/** Largest inline signature image (a data URL), in characters. */
export const maxSignatureDataUrlLength = 700_000;

/**
 * 签名: a handwritten signature image — a PNG/JPEG data URL from the signature pad, or the id of
 * a file already stored; stored as `text`.
 */
export const signatureField = defineFieldType({
  type: 'signature',
  label: '签名',
  group: 'attachment',
  settings: z.object({
    width: z.number().int().min(100).max(1200).default(400),
    height: z.number().int().min(60).max(600).default(160),
  }),
  value: (field) =>
    z
      .string({ message: `“${field.label}”必须是签名图片` })
      .max(maxSignatureDataUrlLength, { message: `“${field.label}”的签名图片过大` })
      .refine((value) => /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(value) || /^[A-Za-z0-9_.:-]{1,128}$/.test(value), {
        message: `“${field.label}”必须是PNG或JPEG签名图片`,
      }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: {},
  example: () => 'data:image/png;base64,iVBORw0KGgo=',
});
