import { PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import type { Capability } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { useCanEdit, useInvalidateAdmin } from '../adminData.js';
import type { DrawerDocumentKind } from './DocumentDrawer.js';

/** One row of `admin.documents.list`. */
export type DocumentRow<Document> = { document: Document; updatedAt: string; updatedBy: string | null };

/** What the table's search form sends: paging, the keyword column `search`, an `organizationId` filter column. */
type DocumentSearch = { current?: number; pageSize?: number; search?: string; organizationId?: string };

/** What the table hands its drawer (to spread into `DocumentDrawer`): the kind, the document to edit (none when creating) and how to close it. */
export type DocumentDrawerSlot<Document> = {
  kind: DrawerDocumentKind;
  noun: string;
  document?: Document;
  onClose: () => void;
  onSaved: () => void;
};

export type DocumentTableProps<Document extends { id: string; name: string }> = {
  kind: DrawerDocumentKind;
  /** What users call one document of the kind (岗位, 角色). */
  noun: string;
  /** The capability that allows creating, editing and deleting; without it the list is read-only. */
  editCapability: Capability;
  /** The columns and search fields; the table adds 操作 (编辑, 删除). */
  columns: ProColumns<DocumentRow<Document>>[];
  /** The delete confirmation's text: which documents the server refuses to delete. */
  deleteDescription: string;
  emptyText: string;
  /** The create / edit drawer. */
  drawer: (slot: DocumentDrawerSlot<Document>) => ReactNode;
};

/**
 * The searchable, paged list of one administration kind, with create, edit (in `drawer`) and
 * delete after confirmation; the server's refusal (e.g. the document is still referenced) is shown.
 */
export function DocumentTable<Document extends { id: string; name: string }>(props: DocumentTableProps<Document>) {
  const { kind, noun, editCapability, columns, deleteDescription, emptyText, drawer } = props;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message } = App.useApp();
  const canEdit = useCanEdit(editCapability);
  const invalidate = useInvalidateAdmin();
  const actionRef = useRef<ActionType>(null);
  const [editing, setEditing] = useState<{ document?: Document }>();
  const remove = useMutation(trpc.admin.documents.remove.mutationOptions());

  const removeDocument = async (document: Document) => {
    try {
      await remove.mutateAsync({ kind, id: document.id });
      await invalidate();
      message.success(`已删除${noun}“${document.name}”`);
      actionRef.current?.reload();
    } catch (error) {
      message.error({ content: errorMessage(error, '删除失败'), duration: 8 });
    }
  };

  const operations: ProColumns<DocumentRow<Document>> = {
    title: '操作',
    valueType: 'option',
    width: 120,
    hideInTable: !canEdit,
    render: (_dom, row) => [
      <a key="edit" onClick={() => setEditing({ document: row.document })}>
        编辑
      </a>,
      <Popconfirm
        key="delete"
        title={`删除${noun}“${row.document.name}”？`}
        description={deleteDescription}
        okText="删除"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onConfirm={() => removeDocument(row.document)}
      >
        <Typography.Link type="danger">删除</Typography.Link>
      </Popconfirm>,
    ],
  };

  return (
    <>
      <ProTable<DocumentRow<Document>, DocumentSearch>
        rowKey={(row) => row.document.id}
        actionRef={actionRef}
        columns={[...columns, operations]}
        request={async (params) => {
          try {
            const result = await client.admin.documents.list.query({
              kind,
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              search: params.search?.trim() || undefined,
              organizationId: params.organizationId || undefined,
            });
            return { data: result.rows as unknown as DocumentRow<Document>[], total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, `加载${noun}失败`));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        search={{ labelWidth: 'auto' }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText }}
        headerTitle={`${noun}列表`}
        toolBarRender={() =>
          canEdit
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                  {`新增${noun}`}
                </Button>,
              ]
            : []
        }
      />
      {editing &&
        drawer({
          kind,
          noun,
          document: editing.document,
          onClose: () => setEditing(undefined),
          onSaved: () => {
            setEditing(undefined);
            actionRef.current?.reload();
          },
        })}
    </>
  );
}
