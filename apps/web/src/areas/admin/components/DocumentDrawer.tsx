import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { newId } from '@xlgl/schema';
import { useTRPC } from '../../../trpc.js';
import { useInvalidateAdmin } from '../adminData.js';
import { showIssues, showSaveError, validateDocument, withoutEmpty } from '../documentForm.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { useDiscardGuard } from '../../../lib/useLeaveGuard.js';

/** The administration kinds edited as one named document in a drawer. */
export type DrawerDocumentKind = 'post' | 'role';

export type DocumentDrawerProps<Document extends { id: string; name: string }, Values extends { name: string }> = {
  kind: DrawerDocumentKind;
  /** What users call one document of the kind (岗位, 角色): the title and the messages use it. */
  noun: string;
  /** The document edited; absent when creating one. */
  document?: Document;
  width: number;
  initialValues: Partial<Values>;
  /** Fills what the form may leave out (e.g. an empty list) before the document is checked. */
  complete?: (values: Values) => Values;
  /** Shown after an edit is saved (default 已保存). */
  updatedMessage?: string;
  onClose: () => void;
  onSaved: () => void;
  /** The form's items. */
  children: ReactNode;
};

/**
 * Creates or edits one administration document: the form's values are merged into the document,
 * checked with the kind's zod schema (problems go on their fields), saved, and every administration
 * query is refetched.
 */
export function DocumentDrawer<Document extends { id: string; name: string }, Values extends { name: string }>(
  props: DocumentDrawerProps<Document, Values>,
) {
  const {
    kind,
    noun,
    document: existing,
    width,
    initialValues,
    complete = (values) => values,
    updatedMessage = '已保存',
    onClose,
    onSaved,
    children,
  } = props;
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<Values>();
  const save = useMutation(trpc.admin.documents.save.mutationOptions());
  const flight = useSingleFlight();
  // Closing with changed fields asks first; a save closes the drawer without asking.
  const close = useDiscardGuard(form, initialValues, `${noun}的修改`).guardClose(onClose);

  const submit = async (values: Values) => {
    const base: Record<string, unknown> = existing ? { ...existing } : { kind, id: newId(kind), version: 1, schemaVersion: 1 };
    const document = withoutEmpty({ ...base, ...complete(values) });
    const issues = validateDocument(kind, document);
    if (issues.length > 0) return showIssues({ form, issues, message });
    try {
      await save.mutateAsync({ document, mode: existing ? 'update' : 'create' });
      await invalidate();
      message.success(existing ? updatedMessage : `已创建${noun}“${values.name}”`);
      onSaved();
    } catch (error) {
      showSaveError({ form, error, message });
    }
  };

  return (
    <Drawer
      open
      width={width}
      title={existing ? `编辑${noun}“${existing.name}”` : `新增${noun}`}
      onClose={close}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<Values> name={kind} form={form} layout="vertical" onFinish={(values) => flight.run(() => submit(values))} initialValues={initialValues}>
        {children}
      </Form>
    </Drawer>
  );
}
