import { useEffect, useState } from 'react';
import type { Expression } from '@xlgl/schema';

/** Whether two expressions are the same tree (they are plain JSON). */
export const sameExpression = (a: Expression | undefined, b: Expression | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The editable draft behind a visual expression editor: built from `value`, rebuilt when `value`
 * changes from outside (undo, another selection), and kept while it still says the same — so rows
 * the user has not finished survive a re-render. `undefined` when the editor cannot show `value`.
 */
export function useExpressionDraft<Value extends Expression | undefined, Draft>(
  value: Value,
  model: { fromExpression: (value: Value) => Draft | undefined; toExpression: (draft: Draft) => Expression | undefined },
) {
  const [draft, setDraft] = useState<Draft | undefined>(() => model.fromExpression(value));
  useEffect(() => {
    if (!draft || !sameExpression(model.toExpression(draft), value)) setDraft(model.fromExpression(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return [draft, setDraft] as const;
}
