import type { FlowDocument } from '@xlgl/schema';
import type { FlowFormField } from './condition/conditionModel.js';

export type { FlowFormField };

/**
 * Directory data the designer offers in its pickers and passes to the live review. Documents of
 * the matching kinds (role, post, organization, user, item) fit these shapes as they are.
 */
export type FlowDesignerContext = {
  /** Fields of the bound form version (conditions, field permissions). */
  formFields: FlowFormField[];
  roles: Array<{ id: string; name: string }>;
  posts: Array<{ id: string; name: string; organizationId?: string }>;
  organizations: Array<{ id: string; name: string; type?: string; regionCode?: string; parentId?: string }>;
  users: Array<{ id: string; name: string; account?: string; organizationId?: string; roleIds?: string[]; postIds?: string[]; active?: boolean }>;
  /** The item the flow serves: time limits, fees and result drive review rules 11 and 13. */
  item?: {
    name?: string;
    regionCode?: string;
    timeLimit?: { statutory: number; promised: number };
    charges?: boolean;
    fees?: Array<{ id: string; name: string }>;
    result?: { type?: string; certificateTemplateId?: string };
  };
  /** Certificate templates for the certificate-print gate. */
  certificateTemplates?: Array<{ id: string; name: string }>;
};

export type FlowDesignerProps = {
  value: FlowDocument;
  onChange?: (flow: FlowDocument) => void;
  context: FlowDesignerContext;
  readOnly?: boolean;
  /** Canvas height (default: fills the parent, which must have a height). */
  height?: number | string;
};
