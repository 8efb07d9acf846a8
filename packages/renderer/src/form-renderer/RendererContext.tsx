import { createContext, useContext } from 'react';
import type { DictionaryEntry, EnterpriseReference, MaterialFile, PersonReference } from '@xlgl/schema';

/** A node of the region tree (as `admin.regions.tree()` returns it). */
export type RegionNode = { code: string; name: string; level?: string; children?: RegionNode[] };

/** Where an upload goes: the field and the item material it is bound to. */
export type UploadSlot = { fieldId: string; materialId: string };

/** Lookups in the natural-person and legal-person libraries; `undefined` when not found. */
export type LibraryLookups = {
  person?: (idNumber: string) => Promise<PersonReference | undefined>;
  enterprise?: (creditCode: string) => Promise<EnterpriseReference | undefined>;
};

/** What the host application provides to field renderers. */
export type RendererServices = {
  regionTree?: RegionNode[];
  dictionaries?: Record<string, DictionaryEntry[]>;
  /** Stores a file (shared materials library) and returns its reference. */
  onUpload?: (file: File, slot: UploadSlot) => Promise<MaterialFile>;
  /** URL to show or download a stored file (material, signature). */
  fileUrl?: (fileId: string) => string;
  lookups?: LibraryLookups;
};

const RendererContext = createContext<RendererServices>({});

export const RendererServicesProvider = RendererContext.Provider;

/** The host services for field renderers. */
export function useRendererServices(): RendererServices {
  return useContext(RendererContext);
}
