import { DeleteOutlined, EyeOutlined, InboxOutlined, LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Empty, List, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import type { ItemMaterial } from '@xlgl/schema';
import { useRef, useState } from 'react';
import { useTRPC } from '../../../trpc.js';
import { chinaToday, fileSizeText, materialFileUrl, uploadMaterialFile, type ChecklistFile, type ChecklistValue } from './materialFiles.js';
import { chinaDate } from '../../../lib/chinaTime.js';

const applicantKeyPattern = /^(\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18})$/;

const formText = { original: '原件', copy: '复印件', 'original-and-copy': '原件及复印件' } as const;
const mediumText = { paper: '纸质', electronic: '电子件', both: '纸质或电子件' } as const;

/**
 * 材料清单 at acceptance: per item material, receive it (tick), upload files (drag or choose; the
 * server checks size and type by content) or reuse with one click what the applicant provided before
 * — for this material or a material of the same name in another item. Required ones are marked; the
 * server refuses 受理 while one is missing.
 */
export function MaterialsChecklist(props: { itemId: string; materials: ItemMaterial[]; applicantKey?: string; value: ChecklistValue; onChange: (value: ChecklistValue) => void; title?: string }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<Record<string, number>>({});
  const key = props.applicantKey?.trim().toUpperCase() ?? '';
  const limits = useQuery(trpc.desk.materials.limits.queryOptions());
  const offers = useQuery({ ...trpc.desk.materials.offers.queryOptions({ itemId: props.itemId, applicantIdNumber: key }), enabled: applicantKeyPattern.test(key) });

  // Always derive from the latest value: an upload finishes after other changes were made.
  const latest = useRef(props.value);
  latest.current = props.value;
  const update = (materialId: string, change: (entry: { provided: boolean; files: ChecklistFile[] }) => { provided: boolean; files: ChecklistFile[] }) => {
    const next = { ...latest.current, [materialId]: change(latest.current[materialId] ?? { provided: false, files: [] }) };
    latest.current = next;
    props.onChange(next);
  };

  const today = chinaToday();
  const setValidUntil = (materialId: string, fileId: string, validUntil: string | undefined) =>
    update(materialId, (entry) => ({ ...entry, files: entry.files.map((file) => (file.fileId === fileId ? { ...file, validUntil } : file)) }));

  const addFile = (materialId: string, file: ChecklistFile) =>
    update(materialId, (entry) => ({ provided: true, files: [...entry.files.filter((existing) => existing.fileId !== file.fileId), file] }));

  return (
    <Card
      title={props.title ?? '材料清单'}
      size="small"
      data-testid="materials-checklist"
      extra={
        <Space>
          {limits.data && <Typography.Text type="secondary">电子件支持{limits.data.types}，单个不超过{limits.data.maxText}</Typography.Text>}
          <Button size="small" onClick={() => props.onChange(Object.fromEntries(props.materials.map((material) => [material.id, { provided: true, files: props.value[material.id]?.files ?? [] }])))}>
            全部已收
          </Button>
        </Space>
      }
    >
      {props.materials.length === 0 ? (
        <Empty description="该事项无需提交材料" />
      ) : (
        <List
          dataSource={props.materials}
          renderItem={(material) => {
            const entry = props.value[material.id] ?? { provided: false, files: [] };
            const onFile = (offers.data?.[material.id] ?? []).filter((offer) => !entry.files.some((file) => file.fileId === offer.fileId));
            const reusable = onFile.filter((offer) => !offer.expired);
            const pending = uploading[material.id] ?? 0;
            return (
              <List.Item data-testid={`material-${material.id}`} style={{ display: 'block' }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                  <Checkbox checked={entry.provided || entry.files.length > 0} disabled={entry.files.length > 0} onChange={(event) => update(material.id, (current) => ({ ...current, provided: event.target.checked }))}>
                    {material.name}
                  </Checkbox>
                  <Space size={4} wrap>
                    {material.required ? <Tag color="red">必交</Tag> : <Tag>选交</Tag>}
                    <Tag>
                      {formText[material.form]}
                      {material.copies}份
                    </Tag>
                    <Tag>{mediumText[material.medium]}</Tag>
                    {reusable.length > 0 && <Tag color="green">材料库已有，可复用</Tag>}
                  </Space>
                </Space>
                {material.notes && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px' }}>{material.notes}</Typography.Paragraph>}
                <div style={{ margin: '8px 0 0 24px' }}>
                  {entry.files.map((file) => (
                    <div key={file.fileId} data-testid="material-file">
                      <Space size={6}>
                        <a href={materialFileUrl(file.fileId)} target="_blank" rel="noreferrer noopener">
                          <EyeOutlined /> {file.name}
                        </a>
                        <Typography.Text type="secondary">{fileSizeText(file.size)}</Typography.Text>
                        {file.reusedFrom && <Tag color="green">复用材料库</Tag>}
                        {file.reusedFrom ? (
                          file.validUntil && <Typography.Text type="secondary">有效期至{file.validUntil}</Typography.Text>
                        ) : (
                          <DatePicker
                            size="small"
                            placeholder="有效期至（选填）"
                            style={{ width: 150 }}
                            aria-label={`${file.name}有效期至`}
                            value={file.validUntil ? dayjs(file.validUntil) : null}
                            disabledDate={(day) => day.format('YYYY-MM-DD') < today}
                            onChange={(day) => setValidUntil(material.id, file.fileId, day ? day.format('YYYY-MM-DD') : undefined)}
                          />
                        )}
                        <Tooltip title="移除（文件保留在材料库中）">
                          <Button type="text" size="small" aria-label={`移除${file.name}`} icon={<DeleteOutlined />} onClick={() => update(material.id, (current) => ({ ...current, files: current.files.filter((existing) => existing.fileId !== file.fileId) }))} />
                        </Tooltip>
                      </Space>
                    </div>
                  ))}
                  {onFile.map((offer) => (
                    <div key={offer.applicantMaterialId} data-testid="material-offer" data-expired={offer.expired || undefined}>
                      <Space size={6} wrap>
                        <Typography.Text type="secondary">材料库：</Typography.Text>
                        <a href={materialFileUrl(offer.fileId)} target="_blank" rel="noreferrer noopener">
                          {offer.fileName}
                        </a>
                        <Typography.Text type="secondary">
                          {offer.match === 'same-category' ? `（其他事项“${offer.fromMaterialName}”）` : ''}
                          {offer.sourceCaseNumber ? `办件${offer.sourceCaseNumber}` : ''} {chinaDate(offer.receivedAt)}收取
                          {offer.validUntil ? `，有效期至${offer.validUntil}` : ''}
                        </Typography.Text>
                        {offer.expired ? (
                          <Tooltip title="材料已过有效期，不能复用：请申请人提供有效的材料并上传">
                            <Tag color="red">已过期</Tag>
                          </Tooltip>
                        ) : (
                          <Button
                            size="small"
                            type="primary"
                            ghost
                            icon={<LinkOutlined />}
                            onClick={() => addFile(material.id, { fileId: offer.fileId, name: offer.fileName, size: offer.size, mimeType: offer.mimeType, reusedFrom: offer.applicantMaterialId, sourceCaseId: offer.sourceCaseId, ...(offer.validUntil ? { validUntil: offer.validUntil } : {}) })}
                          >
                            复用
                          </Button>
                        )}
                      </Space>
                    </div>
                  ))}
                  <Upload.Dragger
                    multiple
                    showUploadList={false}
                    accept={limits.data?.accept ?? '.pdf,.jpg,.jpeg,.png,.ofd'}
                    style={{ marginTop: 6, padding: 0 }}
                    beforeUpload={(file) => {
                      if (limits.data && file.size > limits.data.maxBytes) {
                        void message.error(`“${file.name}”超过大小限制：单个材料文件不能超过${limits.data.maxText}`);
                        return Upload.LIST_IGNORE;
                      }
                      return true;
                    }}
                    customRequest={async (request) => {
                      const file = request.file as File;
                      setUploading((current) => ({ ...current, [material.id]: (current[material.id] ?? 0) + 1 }));
                      try {
                        const stored = await uploadMaterialFile(file);
                        addFile(material.id, stored);
                        request.onSuccess?.(stored);
                      } catch (error) {
                        void message.error(`“${file.name}”上传失败：${error instanceof Error ? error.message : String(error)}`);
                        request.onError?.(error as Error);
                      } finally {
                        setUploading((current) => ({ ...current, [material.id]: (current[material.id] ?? 1) - 1 }));
                      }
                    }}
                  >
                    <Space size={6} style={{ padding: '4px 0' }}>
                      <InboxOutlined />
                      <span>{pending > 0 ? `正在上传（${pending}）…` : '拖入文件或点击选择，上传电子件'}</span>
                    </Space>
                  </Upload.Dragger>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
