import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ActionType } from '@ant-design/pro-components';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Row = RouterOutputs['certificates']['list']['rows'][number];
const statusTags: Record<Row['status'], React.ReactNode> = {
  valid: <Tag color="green">有效</Tag>,
  revoked: <Tag color="red">已注销</Tag>,
  expired: <Tag color="default">已过期</Tag>,
};

function openPdf(base64: string) {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  window.open(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), '_blank');
}

function PrintOffsetButton() {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const me = useQuery(trpc.auth.me.queryOptions());
  const canPrint = me.data?.capabilities.includes('desk.accept');
  const offset = useQuery({ ...trpc.certificates.printOffset.queryOptions({}), enabled: !!canPrint, retry: false });
  const save = useMutation(trpc.certificates.setPrintOffset.mutationOptions());
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ x: number; y: number }>();
  if (!canPrint || offset.isError) return null;
  return (
    <>
      <Button onClick={() => { form.setFieldsValue({ x: offset.data?.x ?? 0, y: offset.data?.y ?? 0 }); setOpen(true); }}>
        打印偏移校准{offset.data && (offset.data.x || offset.data.y) ? `（${offset.data.x}, ${offset.data.y} mm）` : ''}
      </Button>
      <Modal open={open} title="本窗口打印机偏移（套打校准）" okText="保存" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending}>
        <Typography.Paragraph type="secondary">在预印证书纸上试打后量出偏差：内容偏左填正数向右移，偏上填正数向下移（毫米）。只影响本窗口打印，不改变存档的签章文件。</Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={async (values) => {
          try {
            await save.mutateAsync(values);
            await offset.refetch();
            setOpen(false);
            message.success('已保存打印偏移');
          } catch (error) {
            message.error(errorMessage(error, '保存失败'));
          }
        }}>
          <Form.Item label="水平" name="x"><InputNumber min={-30} max={30} step={0.5} addonAfter="mm" /></Form.Item>
          <Form.Item label="垂直" name="y"><InputNumber min={-30} max={30} step={0.5} addonAfter="mm" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CertificateDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message, modal } = App.useApp();
  const me = useQuery(trpc.auth.me.queryOptions());
  const detail = useQuery(trpc.certificates.get.queryOptions({ id }));
  const print = useMutation(trpc.certificates.print.mutationOptions());
  const revoke = useMutation(trpc.certificates.revoke.mutationOptions());
  const [reason, setReason] = useState('');
  const row = detail.data;
  const capabilities = me.data?.capabilities ?? [];
  const doPrint = async (reprintReason?: string) => {
    try {
      const result = await print.mutateAsync({ certificateId: id, reprintReason });
      openPdf(result.base64);
      message.success(result.reprint ? '已登记补打' : '已登记打印');
      await detail.refetch();
      onChanged();
    } catch (error) {
      message.error(errorMessage(error, '打印失败'));
    }
  };
  return (
    <Drawer open width={640} title={row ? `${row.name} ${row.number}` : '证照'} onClose={onClose}>
      {row && (
        <>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="状态">{statusTags[row.status]}</Descriptions.Item>
            <Descriptions.Item label="持证人">{`${row.holderName}（${row.holderIdNumber}）`}</Descriptions.Item>
            <Descriptions.Item label="发证机关">{row.issuerName}</Descriptions.Item>
            <Descriptions.Item label="有效期">{`${row.validFrom} 至 ${row.validUntil ?? '长期'}`}</Descriptions.Item>
            <Descriptions.Item label="签发">{chinaDateTime(row.issuedAt)}</Descriptions.Item>
            {row.revokedAt && <Descriptions.Item label="注销">{`${chinaDateTime(row.revokedAt)}：${row.revokeReason}`}</Descriptions.Item>}
            <Descriptions.Item label="SHA-256"><Typography.Text code style={{ wordBreak: 'break-all' }}>{row.pdfSha256}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label="SM3"><Typography.Text code style={{ wordBreak: 'break-all' }}>{row.sm3}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label="SM2 签名"><Typography.Text code style={{ wordBreak: 'break-all', fontSize: 11 }}>{row.sm2Signature}</Typography.Text></Descriptions.Item>
          </Descriptions>
          <Space style={{ margin: '16px 0' }} wrap>
            <Button onClick={async () => openPdf((await client.certificates.pdf.query({ id })).base64)}>查看签章文件</Button>
            {capabilities.includes('desk.accept') && row.status === 'valid' && (
              row.prints.length === 0 ? (
                <Button type="primary" loading={print.isPending} onClick={() => doPrint()}>打印</Button>
              ) : (
                <Button loading={print.isPending} onClick={() => {
                  let text = '';
                  modal.confirm({
                    title: '补打证照',
                    content: <Input.TextArea aria-label="补打原因" placeholder="请填写补打原因（必填）" onChange={(event) => (text = event.target.value)} />,
                    okText: '补打',
                    cancelText: '取消',
                    onOk: () => doPrint(text),
                  });
                }}>补打</Button>
              )
            )}
          </Space>
          {capabilities.includes('desk.lead') && row.status === 'valid' && (
            <Space.Compact block style={{ marginBottom: 16 }}>
              <Input aria-label="注销原因" placeholder="注销原因" value={reason} onChange={(event) => setReason(event.target.value)} />
              <Button danger loading={revoke.isPending} onClick={async () => {
                try {
                  await revoke.mutateAsync({ id, reason });
                  message.success('证照已注销');
                  setReason('');
                  await detail.refetch();
                  onChanged();
                } catch (error) {
                  message.error(errorMessage(error, '注销失败'));
                }
              }}>注销</Button>
            </Space.Compact>
          )}
          <Typography.Title level={5}>打印记录</Typography.Title>
          <Table size="small" rowKey="id" pagination={false} dataSource={row.prints} locale={{ emptyText: '尚未打印' }} columns={[
            { title: '时间', dataIndex: 'printedAt', render: (value: string) => chinaDateTime(value) },
            { title: '窗口', dataIndex: 'windowId' },
            { title: '类型', dataIndex: 'reprint', render: (reprint: boolean) => (reprint ? '补打' : '首次打印') },
            { title: '原因', dataIndex: 'reason' },
          ]} />
        </>
      )}
    </Drawer>
  );
}

/** 证照库 (R9.7): every issued certificate and approval document; search, filters, print, revoke. */
export function CertificateLibraryPage() {
  const client = useTRPCClient();
  const { message } = App.useApp();
  const [openId, setOpenId] = useState<string | null>(null);
  const action = useRef<ActionType>(undefined);
  const columns: ProColumns<Row>[] = [
    { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '编号、名称、持证人或证件号码' } },
    { title: '证照编号', dataIndex: 'number', search: false, render: (_dom, row) => <a onClick={() => setOpenId(row.id)}>{row.number}</a> },
    { title: '名称', dataIndex: 'name', search: false },
    { title: '持证人', dataIndex: 'holderName', search: false },
    { title: '发证机关', dataIndex: 'issuerName', search: false },
    { title: '有效期', search: false, render: (_dom, row) => `${row.validFrom} 至 ${row.validUntil ?? '长期'}` },
    { title: '状态', dataIndex: 'status', valueType: 'select', valueEnum: { valid: { text: '有效' }, revoked: { text: '已注销' }, expired: { text: '已过期' } }, render: (_dom, row) => statusTags[row.status] },
    { title: '类别', dataIndex: 'kind', valueType: 'select', valueEnum: { certificate: { text: '证照' }, approval: { text: '批文' } }, hideInTable: true },
    { title: '签发日期', dataIndex: 'issuedRange', valueType: 'dateRange', hideInTable: true },
    { title: '打印', dataIndex: 'printCount', search: false, width: 70 },
    { title: '签发时间', dataIndex: 'issuedAt', search: false, render: (_dom, row) => chinaDateTime(row.issuedAt) },
  ];
  return (
    <PageContainer title="证照库" content="平台签发的全部证照与批文：编号、持证人、有效期、状态，签章文件的 SHA-256 与 SM3/SM2 记录。" extra={[<PrintOffsetButton key="offset" />]}>
      <ProTable<Row, { current?: number; pageSize?: number; search?: string; status?: Row['status']; kind?: 'certificate' | 'approval'; issuedRange?: [string, string] }>
        rowKey="id"
        actionRef={action}
        columns={columns}
        request={async (params) => {
          try {
            const result = await client.certificates.list.query({
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              search: params.search?.trim() || undefined,
              status: params.status,
              kind: params.kind,
              issuedFrom: params.issuedRange?.[0]?.slice(0, 10),
              issuedTo: params.issuedRange?.[1]?.slice(0, 10),
            });
            return { data: result.rows, total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载证照失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        search={{ labelWidth: 'auto' }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的证照' }}
      />
      {openId && <CertificateDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => action.current?.reload()} />}
    </PageContainer>
  );
}

export default CertificateLibraryPage;
