import type { DictionaryDocument, FormDocument } from '@xlgl/schema';

/** A region node as `admin.regions.tree()` returns it. */
export type RegionTreeNode = { code: string; name: string; level?: string; children?: RegionTreeNode[] };

/** A department a one-table (一表制) section can belong to. */
export type DepartmentOption = { id: string; name: string };

/** An item material (事项材料) a material field can be bound to. */
export type MaterialOption = { id: string; name: string };

/** What the form designer needs from its host. */
export type FormDesignerContext = {
  /** Shared dictionaries for choice fields. */
  dictionaries: Pick<DictionaryDocument, 'id' | 'name' | 'entries'>[];
  /** Departments that may own sections (一表制). */
  departments: DepartmentOption[];
  /** Regions for region/address fields' range. */
  regionTree: RegionTreeNode[];
  /**
   * What outside the form uses a field, by field id (flow conditions, templates, reports), in
   * plain words; shown before deleting or retyping a field.
   */
  dependents?: Record<string, string[]>;
  /** Materials of the item the form belongs to, offered for material fields. */
  materials?: MaterialOption[];
};

/** One step of the planned database change, as the server describes it before publishing. */
export type PlannedChange = { summary: string; risk?: string };

export type FormDesignerProps = {
  /** The form being edited (controlled). */
  value: FormDocument;
  /** Called with every change; the document is valid unless `onIssues` reported problems. */
  onChange: (form: FormDocument) => void;
  context: FormDesignerContext;
  /** The server's planned database change for publishing this version. */
  plannedChanges?: PlannedChange[];
  /** The exact SQL statements of that change (one transaction), shown on request. */
  plannedStatements?: string[];
  /**
   * Ids of fields already in a published version. Deleting one of them marks it `removed`
   * (hidden; its column and data are kept) instead of taking it out of the document.
   */
  publishedFieldIds?: string[];
  /** Reports the current validation problems (empty when the form is valid). */
  onIssues?: (issues: FormIssue[]) => void;
  /** Height of the designer (it scrolls inside); default `calc(100vh - 120px)`. */
  height?: number | string;
};

/** A validation problem of the form document, with the field or section it belongs to. */
export type FormIssue = { message: string; path: (string | number)[]; fieldId?: string; sectionId?: string };
