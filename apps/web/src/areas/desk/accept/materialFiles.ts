import { csrfHeaders } from '../../../lib/csrf.js';

/** A file given for one material at acceptance: a fresh upload, or a reuse from the applicant's library. */
export type ChecklistFile = {
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
  reusedFrom?: string;
  sourceCaseId?: string;
  /** 有效期至 (China date, inclusive), e.g. of a licence or ID card copy; the library stops offering it after. */
  validUntil?: string;
};
/** The checklist's state per item material. */
export type ChecklistEntry = { provided: boolean; files: ChecklistFile[] };
export type ChecklistValue = Record<string, ChecklistEntry>;

/** Where a stored material file is shown (inline) or downloaded. */
export function materialFileUrl(fileId: string, download = false): string {
  return `/files/materials/${fileId}${download ? '?download=1' : ''}`;
}

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

/** Today as a China calendar date (YYYY-MM-DD), the day validity dates are compared with. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Uploads one file to the materials library; throws with the server's Chinese message when refused. */
export async function uploadMaterialFile(file: File): Promise<ChecklistFile> {
  const response = await fetch('/files/materials', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name), ...csrfHeaders(document.cookie) },
    body: file,
  });
  const body = (await response.json().catch(() => null)) as (ChecklistFile & { error?: { message?: string } }) | null;
  if (!response.ok || !body || body.error) throw new Error(body?.error?.message ?? `上传失败（HTTP ${response.status}）`);
  return { fileId: body.fileId, name: body.name, size: body.size, mimeType: body.mimeType };
}

/** The acceptance input's `materials` from the checklist (a material with files counts as provided). */
export function checklistMaterials(materialIds: string[], value: ChecklistValue) {
  return materialIds.map((materialId) => {
    const entry = value[materialId];
    const files = entry?.files ?? [];
    const reusedFromCaseId = files.find((file) => file.sourceCaseId)?.sourceCaseId;
    return {
      materialId,
      provided: Boolean(entry?.provided) || files.length > 0,
      ...(reusedFromCaseId ? { reusedFromCaseId } : {}),
      files: files.map((file) => ({ fileId: file.fileId, ...(file.reusedFrom ? { reusedFrom: file.reusedFrom } : {}), ...(file.validUntil && !file.reusedFrom ? { validUntil: file.validUntil } : {}) })),
    };
  });
}

type SetChecklist = (change: (current: ChecklistValue) => ChecklistValue) => void;
type FormFieldUpload = (file: File, slot: { materialId: string }) => Promise<ChecklistFile>;
/** One handler per state setter (stable across renders, so the form's services do not change). */
const formFieldUploads = new WeakMap<SetChecklist, FormFieldUpload>();

/**
 * The form renderer's upload for material fields (a file slot bound to an item material): stores the
 * file in the library and also lists it in the checklist under that material, so it becomes one of
 * the case's materials (and approvers may open it).
 */
export function formFieldUpload(setChecklist: SetChecklist): FormFieldUpload {
  const known = formFieldUploads.get(setChecklist);
  if (known) return known;
  const upload: FormFieldUpload = async (file, slot) => {
    const stored = await uploadMaterialFile(file);
    setChecklist((current) => {
      const entry = current[slot.materialId] ?? { provided: false, files: [] };
      return { ...current, [slot.materialId]: { provided: true, files: [...entry.files.filter((existing) => existing.fileId !== stored.fileId), stored] } };
    });
    return stored;
  };
  formFieldUploads.set(setChecklist, upload);
  return upload;
}
