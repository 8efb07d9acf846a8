import { DownloadOutlined, FilePdfOutlined, FileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Image, List, Space, Tag, Typography } from 'antd';
import { useTRPC } from '../../../trpc.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { fileSizeText, materialFileUrl } from './materialFiles.js';
import { chinaDate } from '../../../lib/chinaTime.js';

type ChecklistRow = { id: string; materialId: string; name: string; provided: boolean; reusedFromCaseId: string | null };

/**
 * 材料 on the case screen, for everyone who may see the case (window, approvers of every department's
 * step, leaders): the checklist as received and each material's files — images inline (click to
 * enlarge), PDFs open in a new tab, other types download.
 */
export function MaterialsViewer(props: { caseId: string; checklist: ChecklistRow[]; /** Files received later than this came with a 补正. */ acceptedAt?: string }) {
  const trpc = useTRPC();
  const files = useQuery(trpc.desk.materials.ofCase.queryOptions({ caseId: props.caseId }));
  const byMaterial = new Map<string, NonNullable<typeof files.data>>();
  for (const file of files.data ?? []) byMaterial.set(file.materialId, [...(byMaterial.get(file.materialId) ?? []), file]);
  const isSupplement = (createdAt: string) => Boolean(props.acceptedAt && createdAt > props.acceptedAt);
  const rows = [...props.checklist.map((row) => ({ materialId: row.materialId, name: row.name, provided: row.provided, reused: Boolean(row.reusedFromCaseId) }))];
  for (const [materialId, list] of byMaterial) if (!rows.some((row) => row.materialId === materialId)) rows.push({ materialId, name: list[0]!.materialName, provided: true, reused: false });
  return (
    <>
      {files.error && <Alert type="error" showIcon message={errorMessage(files.error)} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        loading={files.isLoading}
        dataSource={rows}
        locale={{ emptyText: '未登记材料' }}
        data-testid="case-materials"
        renderItem={(row) => {
          const list = byMaterial.get(row.materialId) ?? [];
          return (
            <List.Item style={{ display: 'block' }} data-testid={`case-material-${row.materialId}`}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <span>{row.name}</span>
                <Space>
                  {row.provided ? <Tag color="green">已收</Tag> : <Tag color="red">未交</Tag>}
                  {list.length > 0 ? <Tag color="blue">电子件{list.length}份</Tag> : row.provided && <Tag>纸质</Tag>}
                  {(row.reused || list.some((file) => file.reusedFrom)) && <Tag>复用材料库</Tag>}
                  {list.some((file) => isSupplement(file.createdAt)) && <Tag color="orange">含补正件</Tag>}
                </Space>
              </Space>
              {list.length > 0 && (
                <Space wrap style={{ marginTop: 8 }}>
                  {list.map((file) =>
                    file.mimeType.startsWith('image/') ? (
                      <Space key={file.id} direction="vertical" size={2} align="center">
                        <Image src={materialFileUrl(file.fileId)} alt={file.fileName} width={120} height={90} style={{ objectFit: 'contain', border: '1px solid #f0f0f0' }} data-testid="material-image" />
                        <Typography.Text type="secondary" style={{ maxWidth: 140 }} ellipsis={{ tooltip: file.fileName }}>
                          {file.fileName}
                        </Typography.Text>
                        {isSupplement(file.createdAt) && <Tag color="orange">补正 {chinaDate(file.createdAt)}</Tag>}
                      </Space>
                    ) : (
                      <Space key={file.id} size={4}>
                        {file.mimeType === 'application/pdf' ? <FilePdfOutlined style={{ color: '#cf1322' }} /> : <FileOutlined />}
                        <a href={materialFileUrl(file.fileId, file.mimeType !== 'application/pdf')} target="_blank" rel="noreferrer noopener" data-testid="material-link">
                          {file.fileName}
                        </a>
                        <Typography.Text type="secondary">{fileSizeText(file.size)}</Typography.Text>
                        {isSupplement(file.createdAt) && <Tag color="orange">补正 {chinaDate(file.createdAt)}</Tag>}
                        <a href={materialFileUrl(file.fileId, true)} aria-label={`下载${file.fileName}`}>
                          <DownloadOutlined />
                        </a>
                      </Space>
                    ),
                  )}
                </Space>
              )}
            </List.Item>
          );
        }}
      />
    </>
  );
}
