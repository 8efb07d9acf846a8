import { PageContainer } from '@ant-design/pro-components';
import { Form, Input } from 'antd';
import type { PostDocument } from '@xlgl/schema';
import { OrganizationTreeSelect } from '../components/OrganizationTreeSelect.js';
import { DocumentDrawer } from '../components/DocumentDrawer.js';
import { DocumentTable, type DocumentDrawerSlot } from '../components/DocumentTable.js';
import { useOrganizationTree } from '../adminData.js';
import { searchMaxLength } from '../../../lib/search.js';

type PostValues = { name: string; organizationId?: string; description?: string };

function PostDrawer(slot: DocumentDrawerSlot<PostDocument>) {
  const post = slot.document;
  return (
    <DocumentDrawer<PostDocument, PostValues>
      {...slot}
      width={520}
      initialValues={post ? { name: post.name, organizationId: post.organizationId, description: post.description } : {}}
    >
      <Form.Item
        label="岗位名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入岗位名称' },
          { max: 50, message: '岗位名称不能超过50个字符' },
        ]}
      >
        <Input placeholder="如：受理岗、审核岗、审批岗" />
      </Form.Item>
      <Form.Item label="所属机构" name="organizationId" rules={[{ required: true, message: '请选择所属机构' }]}>
        <OrganizationTreeSelect />
      </Form.Item>
      <Form.Item label="岗位职责" name="description" rules={[{ max: 500, message: '岗位职责不能超过500个字符' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </DocumentDrawer>
  );
}

/** 岗位: posts within organisations; flow steps can assign work to a post. */
export function PostsPage() {
  const { index: organizations } = useOrganizationTree();

  const organizationLabel = (id: string) => {
    const entry = organizations.get(id);
    if (!entry) return id;
    return [...entry.ancestors.map((node) => node.name), entry.node.name].slice(-2).join(' / ');
  };

  return (
    <PageContainer title="岗位" content="岗位设在机构之下，流程环节可指派给岗位，由该岗位上的用户办理。">
      <DocumentTable<PostDocument>
        kind="post"
        noun="岗位"
        editCapability="admin.role.edit"
        columns={[
          { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '岗位名称', maxLength: searchMaxLength } },
          { title: '岗位名称', dataIndex: ['document', 'name'], search: false, width: 180 },
          {
            title: '所属机构',
            dataIndex: 'organizationId',
            width: 320,
            renderFormItem: () => <OrganizationTreeSelect />,
            render: (_dom, row) => organizationLabel(row.document.organizationId),
          },
          { title: '岗位职责', dataIndex: ['document', 'description'], search: false, ellipsis: true },
        ]}
        deleteDescription="仍有用户或流程环节使用的岗位不能删除。删除后不可恢复。"
        emptyText="没有符合条件的岗位"
        drawer={(slot) => <PostDrawer {...slot} />}
      />
    </PageContainer>
  );
}
