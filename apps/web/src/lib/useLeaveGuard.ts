import { App, Form, type FormInstance } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';

export type LeaveGuard = {
  /**
   * Lets the next navigation through without asking — for a screen that has just saved and moves on
   * (a new item's page after its first save) before it re-renders as clean.
   */
  release: () => void;
};

/**
 * Asks before a screen with unsaved changes is left: a link or menu click inside the app opens a
 * confirmation (离开 / 留在此页); closing or reloading the tab gets the browser's own prompt.
 */
export function useLeaveGuard(dirty: boolean, what = '修改', saveLabel = '保存草稿'): LeaveGuard {
  const { modal } = App.useApp();
  // Read when a navigation starts, so `release()` takes effect at once.
  const dirtyRef = useRef(dirty);
  const released = useRef(false);
  dirtyRef.current = dirty;
  if (!dirty) released.current = false;
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => dirtyRef.current && !released.current && currentLocation.pathname !== nextLocation.pathname,
    [],
  );
  const blocker = useBlocker(shouldBlock);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '离开此页面？',
      content: `有未保存的${what}，离开后将丢失。可先点“${saveLabel}”。`,
      okText: '离开',
      cancelText: '留在此页',
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, what, saveLabel]);
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (released.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return { release: useCallback(() => void (released.current = true), []) };
}

/** Values as compared for "changed": empty strings, null, undefined and empty lists count as absent. */
function comparable(value: unknown): unknown {
  if (value === '' || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((entry) => comparable(entry) ?? null);
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON: () => unknown }).toJSON();
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, entry]) => [key, comparable(entry)] as const)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** Whether two form values say the same (see `comparable`). */
export function sameFormValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(comparable(a) ?? null) === JSON.stringify(comparable(b) ?? null);
}

/** The one wording of 放弃未保存的修改？ (close a drawer, switch to another record). */
export function askDiscard(modal: ReturnType<typeof App.useApp>['modal'], content: string, discard: () => void): void {
  modal.confirm({ title: '放弃未保存的修改？', content, okText: '放弃修改', cancelText: '继续编辑', okButtonProps: { danger: true }, onOk: discard });
}

/** Whether a form's fields differ from `initialValues` (re-rendering as they change). */
export function useFormDirty(form: FormInstance, initialValues: unknown): boolean {
  const values: unknown = Form.useWatch((all: unknown) => all, { form, preserve: true });
  return values !== undefined && !sameFormValues(values, initialValues);
}

/**
 * Wraps the close of a drawer or modal that edits `form`: when its fields differ from
 * `initialValues`, asks 放弃未保存的修改？ first; otherwise closes at once.
 */
export function useCloseGuard(form: FormInstance, initialValues: unknown, what = '修改'): (close: () => void) => () => void {
  const { modal } = App.useApp();
  return useCallback(
    (close: () => void) => () => {
      // The fields as they are now, not as last rendered.
      if (sameFormValues(form.getFieldsValue(true), initialValues)) return close();
      askDiscard(modal, `${what}尚未保存，关闭后将丢失。`, close);
    },
    [form, initialValues, modal, what],
  );
}

export type DiscardGuard = {
  /** The fields differ from `initialValues`. */
  dirty: boolean;
  /** Wraps a drawer's or modal's close: asks 放弃未保存的修改？ first when the fields changed. */
  guardClose: (close: () => void) => () => void;
};

/**
 * For a drawer or modal that edits a form on a page without a guard of its own: whether its fields
 * changed, a close that asks before throwing the changes away, and the page-leave guard while they
 * are unsaved. A save that closes the drawer ends the guard with it.
 */
export function useDiscardGuard(form: FormInstance, initialValues: unknown, what = '修改'): DiscardGuard {
  const dirty = useFormDirty(form, initialValues);
  useLeaveGuard(dirty, what, '保存');
  return { dirty, guardClose: useCloseGuard(form, initialValues, what) };
}
