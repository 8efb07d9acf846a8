import { z } from 'zod';

/** A stable document id: lower-case letters, digits, `_`, `-`, `.`; generated, never derived from a label. */
export const documentIdPattern = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const documentId = z
  .string()
  .regex(documentIdPattern, { message: '标识只能由小写字母、数字、下划线、连字符和点组成，且不超过64个字符' });

/** A field (column) id: becomes a SQL identifier, so it is restricted further. */
export const fieldIdPattern = /^[a-z][a-z0-9_]{0,47}$/;
export const fieldId = z
  .string()
  .regex(fieldIdPattern, { message: '字段标识须以小写字母开头，只含小写字母、数字和下划线，不超过48个字符' });

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** Generates an id like `itm_8f3k2m9q1x7c`; random, sortable-free, never taken from a label. */
export function newId(prefix: string, length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return `${prefix}_${out}`;
}

/** Generates a field id safe as a SQL identifier, like `f_k3m9q1x7`. */
export function newFieldId(): string {
  return newId('f', 8);
}
