import { SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, type RouterOutputs } from '../../../trpc.js';
import { chinaDate, chinaDateTime } from '../../../lib/chinaTime.js';

type Seal = RouterOutputs['certificates']['seals']['list'][number];

/** 电子印章: one active seal key per department, under the platform CA; keys are never shown. */
export function SealsPage() {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const seals = useQuery(trpc.certificates.seals.list.queryOptions());
  const choices = useQuery(trpc.templates.choices.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  const create = useMutation(trpc.certificates.seals.create.mutationOptions());
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ organizationId: string; subtitle?: string }>();
  const names = Object.fromEntries((choices.data?.departments ?? []).map((entry) => [entry.id, entry.name]));
  const submit = async (values: { organizationId: string; subtitle?: string }) => {
    try {
      const seal = await create.mutateAsync(values);
      message.success(`已为“${seal.name}”生成电子印章`);
      setOpen(false);
      await seals.refetch();
    } catch (error) {
      message.error(errorMessage(error, '生成失败'));
    }
  };
  return (
    <PageContainer
      title="电子印章"
      content="每个部门一枚在用印章：签发证照时绘制可见印章，并用该印章的密钥对 PDF 签名（平台自建 CA 签发的证书），同时记录 SM3 摘要与 SM2 签名。私钥以主密钥加密保存，不可导出。"
      extra={[
        <Button key="new" type="primary" icon={<SafetyCertificateOutlined />} onClick={() => { form.setFieldsValue({ organizationId: me.data?.organizationId }); setOpen(true); }}>
          生成印章
        </Button>,
      ]}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本平台的电子印章不是 GB/T 38540 电子印章：证书由平台自建 CA 签发，不是依法设立的电子认证服务机构，签名用于平台内的真伪核验。" />
      <Table<Seal>
        rowKey="id"
        loading={seals.isLoading}
        dataSource={seals.data ?? []}
        pagination={false}
        locale={{ emptyText: '还没有电子印章' }}
        columns={[
          { title: '部门', dataIndex: 'organizationId', render: (id: string, row) => names[id] ?? row.name },
          { title: '印章文字', render: (_value, row) => `${row.name}${row.subtitle ? ` · ${row.subtitle}` : ''}` },
          { title: '状态', dataIndex: 'status', width: 90, render: (status: string) => (status === 'active' ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>) },
          { title: '证书序列号', dataIndex: 'serialNumber', width: 300 },
          { title: '证书有效期至', dataIndex: 'validUntil', width: 140, render: (value: string) => chinaDate(value) },
          { title: '生成时间', dataIndex: 'createdAt', width: 180, render: (value: string) => chinaDateTime(value) },
        ]}
      />
      <Modal open={open} title="生成电子印章" okText="生成" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" name="new-seal" onFinish={submit}>
          <Form.Item label="部门" name="organizationId" rules={[{ required: true, message: '请选择部门' }]} extra="同一部门再次生成时，原印章停用；它签发的证照仍可核验。">
            <Select showSearch optionFilterProp="label" options={(choices.data?.departments ?? []).map((entry) => ({ value: entry.id, label: entry.name }))} />
          </Form.Item>
          <Form.Item label="印章下方文字（可选）" name="subtitle" rules={[{ max: 20, message: '不超过20个字' }]}>
            <Input placeholder="如：行政审批专用章" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
