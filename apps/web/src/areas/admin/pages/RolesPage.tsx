import { PageContainer } from '@ant-design/pro-components';
import { Checkbox, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { capabilityLabels, type Capability, type RoleDocument } from '@xlgl/schema';
import { capabilityGroups } from '../capabilityGroups.js';
import { DocumentDrawer } from '../components/DocumentDrawer.js';
import { DocumentTable, type DocumentDrawerSlot } from '../components/DocumentTable.js';
import { searchMaxLength } from '../../../lib/search.js';

type RoleValues = { name: string; description?: string; capabilities: Capability[] };

const groups = capabilityGroups();

function RoleDrawer(slot: DocumentDrawerSlot<RoleDocument>) {
  const role = slot.document;
  return (
    <DocumentDrawer<RoleDocument, RoleValues>
      {...slot}
      width={640}
      initialValues={role ? { name: role.name, description: role.description, capabilities: role.capabilities } : { capabilities: [] }}
      complete={(values) => ({ ...values, capabilities: values.capabilities ?? [] })}
      updatedMessage="已保存（已登录用户的权限在下次请求时生效）"
    >
      <Form.Item
        label="角色名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入角色名称' },
          { max: 50, message: '角色名称不能超过50个字符' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="说明" name="description" rules={[{ max: 500, message: '说明不能超过500个字符' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label="权限" name="capabilities" rules={[{ required: true, type: 'array', min: 1, message: '角色至少要有一项权限' }]}>
        <Checkbox.Group style={{ width: '100%' }}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {groups.map((group) => (
              <div key={group.key}>
                <Typography.Text strong>{group.label}</Typography.Text>
                <Row gutter={[8, 4]} style={{ marginTop: 4 }}>
                  {group.capabilities.map((capability) => (
                    <Col key={capability.value} span={12}>
                      <Checkbox value={capability.value}>{capability.label}</Checkbox>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
    </DocumentDrawer>
  );
}

/** 角色: named sets of capabilities; users get the union of their roles' capabilities. */
export function RolesPage() {
  return (
    <PageContainer title="角色" content="角色是一组权限；“进入……”类权限决定用户能看到哪些功能区。">
      <DocumentTable<RoleDocument>
        kind="role"
        noun="角色"
        editCapability="admin.role.edit"
        columns={[
          { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '角色名称或标识', maxLength: searchMaxLength } },
          { title: '角色名称', dataIndex: ['document', 'name'], search: false, width: 140 },
          { title: '说明', dataIndex: ['document', 'description'], search: false, ellipsis: true, width: 260 },
          {
            title: '权限',
            dataIndex: ['document', 'capabilities'],
            search: false,
            render: (_dom, row) => (
              <Space size={[0, 4]} wrap>
                {row.document.capabilities.map((capability) => (
                  <Tag key={capability} color={capability.endsWith('.access') ? 'blue' : undefined}>
                    {capabilityLabels[capability]}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
        deleteDescription="仍有用户使用的角色不能删除。删除后不可恢复。"
        emptyText="尚未配置角色"
        drawer={(slot) => <RoleDrawer {...slot} />}
      />
    </PageContainer>
  );
}
