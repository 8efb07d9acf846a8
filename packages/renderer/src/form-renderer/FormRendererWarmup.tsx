import { memo, useEffect, useState, type ReactNode } from 'react';
import { formDocument, type FieldType, type FormDocument } from '@xlgl/schema';
import { FormRenderer } from './FormRenderer.js';

/** The field types most forms are made of (the others bring their own, rarer components). */
const warmTypes: FieldType[] = ['text', 'textarea', 'number', 'money', 'date', 'datetime', 'select', 'multi-select', 'switch', 'id-number', 'mobile', 'email'];

let warmForm: FormDocument | undefined;

/** A small form of one field per common type, one of them required (the asterisk). */
function warmupForm(): FormDocument {
  warmForm ??= formDocument.parse({
    kind: 'form',
    id: 'form-renderer-warmup',
    version: 1,
    schemaVersion: 1,
    rules: [],
    name: '预热',
    departmentId: 'warmup',
    sections: [
      {
        id: 'warmup',
        title: '预热',
        columns: 2,
        fields: warmTypes.map((type, index) => ({
          id: `warm_${index}`,
          type,
          label: `预热${index}`,
          required: index === 0,
          span: type === 'textarea' ? 24 : 12,
          settings: type === 'select' || type === 'multi-select' ? { options: [{ value: '1', label: '一' }] } : {},
        })),
      },
    ],
  });
  return warmForm;
}

/**
 * A hidden form of the common field types, mounted once the browser is idle and kept while the host
 * screen is open. antd generates each component's CSS (tokens → style objects → text → `<style>`) on
 * the first mount of that component in the page and drops it when the last instance unmounts; the
 * first real form (受理登记 after picking an item) would otherwise pay for that, about a fifth of the
 * time to draw 100 fields. `children`: more of the host screen's components to warm up the same way.
 * Nothing of it is visible or focusable (`display: none`, `inert`). Memoised: pass `children` that keep
 * their identity (e.g. an element made once at module level), so the host's re-renders skip it.
 */
export const FormRendererWarmup = memo(function FormRendererWarmup(props: { children?: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const idle = (globalThis as { requestIdleCallback?: (run: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
    if (idle) {
      const handle = idle(() => setReady(true), { timeout: 2000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(() => setReady(true), 200);
    return () => clearTimeout(timer);
  }, []);
  if (!ready) return null;
  return (
    <div style={{ display: 'none' }} aria-hidden {...{ inert: '' }} data-testid="form-renderer-warmup">
      <FormRenderer form={warmupForm()} />
      {props.children}
    </div>
  );
});
