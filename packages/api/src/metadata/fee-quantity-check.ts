import type { FormDocument, ItemDocument } from '@xlgl/schema';
import { feeQuantityProblems } from '../services/cases/fee-quantities.js';
import type { MetadataCheck, MetadataProblem } from './check.js';

/** A fee whose quantity comes from a form field names a number or money field of the item's form. */
export const feeQuantityCheck: MetadataCheck = {
  name: 'fee-quantities',
  run({ documents, resolve }) {
    const problems: MetadataProblem[] = [];
    for (const { file, document } of documents) {
      if (document.kind !== 'item') continue;
      const item = document as unknown as ItemDocument;
      if (!item.fees.some((fee) => fee.quantityFieldId)) continue;
      const target = item.formId ? resolve('form', item.formId) : undefined;
      // A form only in the database ('existing') is checked when the item is accepted.
      if (item.formId && typeof target !== 'object') continue;
      const form = typeof target === 'object' ? (target.document as unknown as FormDocument) : undefined;
      for (const problem of feeQuantityProblems(item, form)) problems.push({ file, path: problem.path, message: problem.message, severity: 'error' });
    }
    return problems;
  },
};
