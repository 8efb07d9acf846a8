import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InboxOutlined, QuestionCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Divider, Result, Spin, Typography, Upload } from 'antd';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/serverErrors.js';
import { useTRPC, type RouterOutputs } from '../../trpc.js';
import { chinaDateTime } from '../../lib/chinaTime.js';

type Verification = RouterOutputs['verify']['byToken'];

const appearance: Record<Verification['outcome'], { status: 'success' | 'error' | 'warning' | 'info'; icon: React.ReactNode; title: string }> = {
  valid: { status: 'success', icon: <CheckCircleFilled />, title: '证照有效' },
  revoked: { status: 'error', icon: <CloseCircleFilled />, title: '证照已注销' },
  expired: { status: 'warning', icon: <ExclamationCircleFilled />, title: '证照已过期' },
  altered: { status: 'error', icon: <CloseCircleFilled />, title: '文件已被篡改' },
  unknown: { status: 'info', icon: <QuestionCircleFilled />, title: '未找到该证照' },
};

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

function VerificationResult({ result }: { result: Verification }) {
  const look = appearance[result.outcome];
  const certificate = result.certificate;
  return (
    <div data-testid="verify-result" data-outcome={result.outcome}>
      <Result status={look.status} icon={look.icon} title={look.title} subTitle={result.message} style={{ padding: '16px 0' }} />
      {certificate && (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="证照名称">{certificate.name}</Descriptions.Item>
          <Descriptions.Item label="证照编号">{certificate.number}</Descriptions.Item>
          <Descriptions.Item label="持证人">{certificate.holderName}</Descriptions.Item>
          <Descriptions.Item label="发证机关">{certificate.issuerName}</Descriptions.Item>
          <Descriptions.Item label="有效期">
            {certificate.validFrom} 至 {certificate.validUntil ?? '长期'}
          </Descriptions.Item>
          {certificate.revokedAt && <Descriptions.Item label="注销">{`${chinaDateTime(certificate.revokedAt)}，原因：${certificate.revokeReason ?? ''}`}</Descriptions.Item>}
          <Descriptions.Item label="签章">{result.signer ? `${result.signer.commonName}（证书序列号 ${result.signer.serialNumber}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="SHA-256">
            <Typography.Text code style={{ wordBreak: 'break-all' }}>{certificate.sha256}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      {result.details.length > 0 && (
        <ul style={{ marginTop: 12, paddingLeft: 20 }}>
          {result.details.map((detail) => (
            <li key={detail.check} style={{ color: detail.ok ? '#389e0d' : '#cf1322' }}>
              {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * 证照核验 (public, no sign-in): the QR code's link (certificate id + token) or an uploaded PDF →
 * valid, revoked, expired or altered (any changed byte).
 */
export function VerifyPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const id = params.get('id');
  const token = params.get('t');
  // The first request hands out the CSRF cookie the upload needs.
  useQuery(trpc.auth.me.queryOptions());
  const byToken = useQuery({ ...trpc.verify.byToken.queryOptions({ id: id ?? '', token: token ?? '' }), enabled: !!id && !!token });
  const upload = useMutation(trpc.verify.upload.mutationOptions());
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', padding: '32px 16px' }}>
      <Card style={{ maxWidth: 760, margin: '0 auto' }} title="锡林郭勒盟政务服务 · 电子证照核验">
        {id && token && (
          <>
            <Typography.Title level={5}>扫码核验结果</Typography.Title>
            {byToken.isLoading && <Spin />}
            {byToken.error && <Alert type="error" showIcon message={errorMessage(byToken.error, '核验失败')} />}
            {byToken.data && <VerificationResult result={byToken.data} />}
            <Divider />
          </>
        )}
        <Typography.Title level={5}>上传证照 PDF 核验</Typography.Title>
        <Upload.Dragger
          accept="application/pdf,.pdf"
          showUploadList={false}
          data-testid="verify-upload"
          beforeUpload={async (file) => {
            upload.mutate({ base64: await fileToBase64(file) });
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入平台签发的证照 PDF 文件</p>
          <p className="ant-upload-hint">文件的任何一个字节被改动都会被识别为“已被篡改”。文件只用于本次核验，不会保存。</p>
        </Upload.Dragger>
        {upload.isPending && <Spin style={{ display: 'block', marginTop: 16 }} />}
        {upload.error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={errorMessage(upload.error, '核验失败')} />}
        {upload.data && (
          <div style={{ marginTop: 16 }}>
            <VerificationResult result={upload.data} />
          </div>
        )}
        <Divider />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          核验内容：PDF 内的签名（平台自建 CA 签发的部门印章证书，SHA-256/RSA）、平台存档的 SM3 摘要与 SM2 签名，以及证照库中的状态（有效、注销、过期）。本平台电子印章不是 GB/T 38540 电子印章，证书不属于依法设立的电子认证服务机构。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
