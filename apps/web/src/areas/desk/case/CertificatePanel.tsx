import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import type { CaseDetail } from '../deskShared.js';

type Panel = RouterOutputs['certificates']['forCase'];
type Certificate = Panel['certificates'][number];

const statusTags: Record<Certificate['status'], React.ReactNode> = {
  valid: <Tag color="green">有效</Tag>,
  revoked: <Tag color="red">已注销</Tag>,
  expired: <Tag>已过期</Tag>,
};
const variantLabels = { original: '正本', copy: '副本' } as const;

/** Opens a signed PDF (base64) in a new tab for viewing and printing. */
function openPdf(base64: string) {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  window.open(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), '_blank');
}

/**
 * The case screen's certificates (T4, R2.8): issue from the template bound to the item (or its print
 * gate) with the case's data, open the signed PDF, print (the first print at the print gate moves the
 * case on), reprint with a reason, and a failed automatic issue with 重试.
 */
export function CertificatePanel({ detail, onChanged }: { detail: CaseDetail; onChanged: () => Promise<unknown> }) {
  const caseId = detail.case.id;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const panel = useQuery(trpc.certificates.forCase.queryOptions({ caseId }));
  const issue = useMutation(trpc.certificates.issueForCase.mutationOptions());
  const print = useMutation(trpc.certificates.print.mutationOptions());
  const retry = useMutation(trpc.certificates.retryAutomatic.mutationOptions());
  const act = useMutation(trpc.desk.act.mutationOptions());
  const [issuing, setIssuing] = useState(false);
  const [variant, setVariant] = useState<'original' | 'copy'>('original');
  const [reprinting, setReprinting] = useState<Certificate | null>(null);
  const [reason, setReason] = useState('');
  const [opening, setOpening] = useState<string | null>(null);

  const data = panel.data;
  if (panel.isLoading) return <Card size="small" title="证照" loading />;
  if (panel.error) return <Card size="small" title="证照"><Alert type="error" showIcon message={errorMessage(panel.error)} /></Card>;
  if (!data || (!data.template && data.certificates.length === 0 && !data.automaticIssue)) return null;

  const atGate = detail.actions.some((action) => action.type === 'record-print');
  // Issued at the print gate while the case runs (after the approvals; a copy also after the gate), or after an approved completion.
  const gateOpen = detail.tasks.some((task) => detail.flow.nodes.find((node) => node.id === task.nodeId)?.type === 'print-gate');
  const issuable = detail.case.status === 'running' ? gateOpen || data.printed : detail.case.outcome === 'approved';
  const issuedVariants = new Set(data.certificates.filter((certificate) => certificate.status === 'valid' && certificate.templateId === data.template?.id).map((certificate) => certificate.variant));
  const variantsLeft = (data.template?.hasVariants ? (['original', 'copy'] as const) : (['original'] as const)).filter((entry) => !issuedVariants.has(entry));
  const canIssue = Boolean(data.mayIssue && data.template?.published && issuable && variantsLeft.length > 0);
  const printedCertificate = data.certificates.find((certificate) => certificate.printCount > 0);
  const failure = data.automaticIssue && data.automaticIssue.lastError && (data.automaticIssue.status === 'pending' || data.automaticIssue.status === 'failed') ? data.automaticIssue : null;

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.certificates.forCase.queryKey({ caseId }) });
    await onChanged();
  };

  async function doIssue() {
    try {
      const result = await issue.mutateAsync({ caseId, variant });
      message.success(`已签发${data!.template?.hasVariants ? variantLabels[variant] : ''}证照 ${result.certificate.number}`);
      setIssuing(false);
      await reload();
    } catch (error) {
      message.error(errorMessage(error, '签发失败'));
    }
  }

  async function doPrint(certificate: Certificate, reprintReason?: string) {
    try {
      const result = await print.mutateAsync({ certificateId: certificate.id, ...(reprintReason ? { reprintReason } : {}) });
      openPdf(result.base64);
      message.success(result.reprint ? `已登记补打 ${certificate.number}` : `已登记打印 ${certificate.number}`);
      setReprinting(null);
      setReason('');
      await reload();
    } catch (error) {
      message.error(errorMessage(error, '打印失败'));
      await reload();
    }
  }

  async function open(certificate: Certificate) {
    setOpening(certificate.id);
    try {
      openPdf((await client.certificates.pdf.query({ id: certificate.id })).base64);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setOpening(null);
    }
  }

  /** A certificate printed before the case reached its gate: the gate is passed with that print on record. */
  async function passGate() {
    try {
      await act.mutateAsync({ caseId, expectedVersion: detail.case.version, action: { type: 'record-print', certificateNo: printedCertificate?.number } });
      message.success('证照打印已登记');
      await reload();
    } catch (error) {
      message.error(errorMessage(error));
      await reload();
    }
  }

  return (
    <Card size="small" title="证照" data-testid="certificate-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        {data.template ? (
          <div>
            证照模板：<Typography.Text strong>{data.template.certificateName}</Typography.Text>
            {!data.template.published && <Tag color="orange" style={{ marginLeft: 8 }}>尚未发布</Tag>}
          </div>
        ) : (
          <Typography.Text type="secondary">本事项未绑定证照模板</Typography.Text>
        )}
        {atGate && !printedCertificate && (
          <Alert type="info" showIcon message="办件在证照打印环节：签发证照并打印后自动进入下一环节" />
        )}
        {atGate && printedCertificate && (
          <Alert
            type="success"
            showIcon
            message={`证照 ${printedCertificate.number} 已打印`}
            action={<Button size="small" type="primary" loading={act.isPending} onClick={() => void passGate()}>登记证照打印</Button>}
          />
        )}
        {data.template && !data.template.published && <Alert type="warning" showIcon message={`证照模板“${data.template.name}”尚未发布，请配置员发布后再签发`} />}
        {data.template?.published && !data.mayIssue && issuable && data.certificates.length === 0 && (
          <Typography.Text type="secondary">签发须由发证部门或受理其事项的窗口人员办理</Typography.Text>
        )}
        {failure && (
          <Alert
            type="error"
            showIcon
            data-testid="automatic-issue-failure"
            message={`证照自动签发失败（已尝试 ${failure.attempts}/${failure.maxAttempts} 次${failure.status === 'failed' ? '，已停止自动重试' : '，将在每小时整理时重试'}）`}
            description={failure.lastError}
            action={data.mayIssue ? (
              <Button size="small" loading={retry.isPending} onClick={async () => {
                try {
                  const outcome = await retry.mutateAsync({ caseId });
                  if (outcome.status === 'issued' || outcome.status === 'skipped') message.success('证照已签发');
                  else message.error(`重试仍未成功：${'error' in outcome && outcome.error ? outcome.error : '请稍后再试'}`);
                  await reload();
                } catch (error) {
                  message.error(errorMessage(error));
                }
              }}>重试</Button>
            ) : undefined}
          />
        )}
        {data.automaticIssue?.status === 'pending' && !failure && <Alert type="info" showIcon message="证照正在自动签发，请稍后刷新" />}
        {data.template?.published && data.mayIssue && !issuable && data.certificates.length === 0 && detail.case.status === 'running' && (
          <Typography.Text type="secondary">审批通过、办件到达“证照打印”环节后可签发证照</Typography.Text>
        )}
        {canIssue && (
          <Button type="primary" onClick={() => { setVariant(variantsLeft[0]!); setIssuing(true); }}>
            签发证照
          </Button>
        )}
        <List
          size="small"
          data-testid="case-certificates"
          dataSource={data.certificates}
          locale={{ emptyText: '尚未签发证照' }}
          renderItem={(certificate) => (
            <List.Item
              data-certificate-number={certificate.number}
              actions={[
                <Button key="open" type="link" size="small" loading={opening === certificate.id} onClick={() => void open(certificate)}>查看</Button>,
                ...(data.mayPrint && certificate.status === 'valid'
                  ? [certificate.printCount === 0
                    ? <Button key="print" type="link" size="small" loading={print.isPending} onClick={() => void doPrint(certificate)}>打印</Button>
                    : <Button key="reprint" type="link" size="small" onClick={() => { setReason(''); setReprinting(certificate); }}>补打</Button>]
                  : []),
              ]}
            >
              <Space direction="vertical" size={0}>
                <Space wrap size={4}>
                  <Typography.Text strong>{certificate.name}</Typography.Text>
                  {data.template?.hasVariants && <Tag>{variantLabels[certificate.variant as 'original' | 'copy'] ?? certificate.variant}</Tag>}
                  {statusTags[certificate.status]}
                </Space>
                <Typography.Text type="secondary">{certificate.number}</Typography.Text>
                <Typography.Text type="secondary">{certificate.printCount === 0 ? '未打印' : `已打印 ${certificate.printCount} 次`}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Space>
      <Modal
        open={issuing}
        title="签发证照"
        okText="确认签发"
        cancelText="取消"
        confirmLoading={issue.isPending}
        onCancel={() => setIssuing(false)}
        onOk={() => void doIssue()}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            以本办件的申请数据生成“{data.template?.certificateName}”，持证人为{detail.case.applicant.name}，加盖发证部门电子印章并签名。签发后编号不可更改，如有错误只能注销后重新签发。
          </Typography.Paragraph>
          {data.template?.hasVariants && (
            <Radio.Group value={variant} onChange={(event) => setVariant(event.target.value as 'original' | 'copy')} aria-label="证照版本">
              {(['original', 'copy'] as const).map((entry) => (
                <Radio key={entry} value={entry} disabled={issuedVariants.has(entry)}>
                  {variantLabels[entry]}
                  {issuedVariants.has(entry) ? '（已签发）' : ''}
                </Radio>
              ))}
            </Radio.Group>
          )}
          {issue.isPending && <Alert type="info" showIcon message="正在生成证照并加盖电子印章…" />}
        </Space>
      </Modal>
      <Modal
        open={!!reprinting}
        title={`补打证照 ${reprinting?.number ?? ''}`}
        okText="补打"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        confirmLoading={print.isPending}
        onCancel={() => setReprinting(null)}
        onOk={() => reprinting && void doPrint(reprinting, reason.trim())}
      >
        <Typography.Paragraph type="secondary">证照已打印过，补打将记录补打原因、时间和窗口。</Typography.Paragraph>
        <Input.TextArea rows={3} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} placeholder="请填写补打原因（必填，至少2个字）" aria-label="补打原因" />
      </Modal>
    </Card>
  );
}
