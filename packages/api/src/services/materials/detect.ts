/** File types a window accepts as materials, recognised by their first bytes (never by the name). */
export type MaterialFileType = { mimeType: string; extension: string; label: string; inline: boolean };

export const materialFileTypes = {
  pdf: { mimeType: 'application/pdf', extension: 'pdf', label: 'PDF', inline: true },
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg', label: 'JPEG图片', inline: true },
  png: { mimeType: 'image/png', extension: 'png', label: 'PNG图片', inline: true },
  ofd: { mimeType: 'application/ofd', extension: 'ofd', label: 'OFD版式文件', inline: false },
} as const satisfies Record<string, MaterialFileType>;

export const acceptedTypesText = 'PDF、JPEG、PNG、OFD';

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** The zip's first entries name `OFD.xml` (GB/T 33190: the OFD entry file at the package root). */
function isOfdPackage(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return false;
  // Walk the local file headers at the start of the archive and look for the entry `OFD.xml`.
  let offset = 0;
  for (let entry = 0; entry < 64 && offset + 30 <= bytes.length; entry += 1) {
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04], offset)) return false;
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 30);
    const flags = view.getUint16(6, true);
    const compressedSize = view.getUint32(18, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 30, offset + 30 + nameLength));
    if (name === 'OFD.xml') return true;
    // With a data descriptor the size is not in the header; stop walking.
    if (flags & 0x08) return false;
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return false;
}

/** The type of the bytes, or null when they are none of the accepted types. */
export function detectMaterialType(bytes: Uint8Array): MaterialFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return materialFileTypes.pdf; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return materialFileTypes.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return materialFileTypes.png;
  if (isOfdPackage(bytes)) return materialFileTypes.ofd;
  return null;
}

export function materialTypeOfMime(mimeType: string): MaterialFileType | null {
  return Object.values(materialFileTypes).find((type) => type.mimeType === mimeType) ?? null;
}

/**
 * The original file name as plain text: the last path segment only, control and bidi characters
 * removed, at most 200 characters. It is only ever shown and sent back (quoted) — never a path.
 */
export function cleanFileName(name: string): string {
  const lastSegment = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = lastSegment.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const limited = [...cleaned].slice(0, 200).join('');
  return limited === '' || limited === '.' || limited === '..' ? '未命名文件' : limited;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string, type: MaterialFileType | null): string {
  const extension = type?.extension ?? 'bin';
  const asciiBase = name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60) || 'material';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${asciiBase}.${extension}"; filename*=UTF-8''${encoded}`;
}
