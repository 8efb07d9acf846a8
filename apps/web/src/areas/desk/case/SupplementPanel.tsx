import { ClockCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ItemMaterial } from '@xlgl/schema';
import { useState } from 'react';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { opinionPhrases } from '../deskShared.js';
import { MaterialsChecklist } from '../accept/MaterialsChecklist.js';
import { checklistMaterials, type ChecklistValue } from '../accept/materialFiles.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Props = {
  caseId: string;
  itemId: string;
  materials: ItemMaterial[];
  /** The applicant's ID number or credit code: the library offers their files on file. */
  applicantKey: string;
  /** Called after 补正完成 (the case changed). */
  onChanged: () => Promise<unknown> | void;
};

/**
 * 补正材料 on the case screen while a step waits for supplements (its clock stopped): what was asked
 * for, by whom and since when; the accepting centre's window receives the materials — uploads or
 * reuses from the applicant's library, paper ticked as received — and records 补正完成, which
 * restarts the clock. Others see what is pending. Nothing shows when no step waits.
 */
export function SupplementPanel(props: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const supplements = useQuery(trpc.desk.materials.supplements.queryOptions({ caseId: props.caseId }));
  const receive = useMutation(trpc.desk.materials.receiveSupplement.mutationOptions());
  const [received, setReceived] = useState<Record<string, ChecklistValue>>({});
  const [extra, setExtra] = useState<Record<string, string[]>>({});
  const [comment, setComment] = useState('');

  if (supplements.error) return <Alert type="error" showIcon message={errorMessage(supplements.error)} />;
  const data = supplements.data;
  if (!data || data.pending.length === 0) return null;

  async function complete(taskId: string, materialIds: string[]) {
    const value = received[taskId] ?? {};
    const materials = checklistMaterials(materialIds, value)
      .filter((entry) => entry.provided)
      .map((entry) => ({ materialId: entry.materialId, files: entry.files }));
    if (materials.length === 0) {
      message.error('请先登记收到的补正材料（上传电子件，或勾选已收纸质件）');
      return;
    }
    try {
      await receive.mutateAsync({ caseId: props.caseId, expectedVersion: data!.version, taskId, materials, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      message.success('补正完成：已恢复计时');
      setReceived((current) => ({ ...current, [taskId]: {} }));
      setComment('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.desk.materials.supplements.queryKey({ caseId: props.caseId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.desk.materials.ofCase.queryKey({ caseId: props.caseId }) }),
        props.onChanged(),
      ]);
    } catch (error) {
      message.error(errorMessage(error));
      await queryClient.invalidateQueries({ queryKey: trpc.desk.materials.supplements.queryKey({ caseId: props.caseId }) });
    }
  }

  return (
    <Card size="small" title={<Space><ClockCircleOutlined style={{ color: '#fa8c16' }} />补正材料（暂停计时中）</Space>} data-testid="supplement-panel">
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {data.pending.map((entry) => {
          const requestedIds = entry.requestedMaterials.map((material) => material.id);
          const chosenIds = [...requestedIds, ...(extra[entry.taskId] ?? []).filter((id) => !requestedIds.includes(id))];
          const chosen = props.materials.filter((material) => chosenIds.includes(material.id));
          const others = props.materials.filter((material) => !requestedIds.includes(material.id));
          return (
            <div key={entry.taskId} data-testid={`supplement-${entry.taskId}`}>
              <Alert
                type="warning"
                showIcon
                message={
                  <Space wrap size={4}>
                    <span>“{entry.label}”于{chinaDateTime(entry.since)}一次性告知补正，办理时限暂停计算</span>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={4}>
                    {entry.requestedMaterials.length > 0 ? (
                      <span>
                        需补正的材料：
                        {entry.requestedMaterials.map((material) => (
                          <Tag key={material.id} color="orange">
                            {material.name}
                          </Tag>
                        ))}
                      </span>
                    ) : (
                      <span>补正告知未列明具体材料，请按补正要求收取</span>
                    )}
                    {entry.reason && <span>补正要求：{entry.reason}</span>}
                  </Space>
                }
              />
              {data.mayReceive ? (
                <Space direction="vertical" style={{ width: '100%', marginTop: 12 }} size={8}>
                  <Select
                    mode="multiple"
                    allowClear
                    style={{ width: '100%' }}
                    placeholder="同时收取其他材料（选填，例如申请人更换的材料）"
                    aria-label="其他补正材料"
                    value={extra[entry.taskId] ?? []}
                    onChange={(ids: string[]) => setExtra((current) => ({ ...current, [entry.taskId]: ids }))}
                    options={others.map((material) => ({ value: material.id, label: material.name }))}
                  />
                  {chosen.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="请选择收取的材料" />
                  ) : (
                    <MaterialsChecklist
                      title="收取补正材料"
                      itemId={props.itemId}
                      materials={chosen}
                      applicantKey={props.applicantKey}
                      value={received[entry.taskId] ?? {}}
                      onChange={(value) => setReceived((current) => ({ ...current, [entry.taskId]: value }))}
                    />
                  )}
                  <Input.TextArea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} placeholder="收取说明（选填）" aria-label="补正说明" />
                  <Popconfirm title="补正材料已收齐？" description="确认后恢复计时，办件回到原办理人继续办理" okText="补正完成" cancelText="取消" onConfirm={() => complete(entry.taskId, chosen.map((material) => material.id))}>
                    <Button type="primary" loading={receive.isPending} data-testid="supplement-complete">
                      补正完成
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  等待申请人补正：补正材料由受理窗口接收，登记“补正完成”后恢复计时，办件回到本环节继续办理。
                </Typography.Paragraph>
              )}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}

/**
 * 补正告知 from a step: the handler names the materials to supplement (listed in the 补正告知书) and
 * the requirements; the case clock stops until the window records them as received.
 */
export function SupplementRequestModal(props: {
  caseId: string;
  version: number;
  taskId: string | null;
  materials: ItemMaterial[];
  /** The opinion typed on the case screen, taken as the requirements. */
  initialReason: string;
  onClose: () => void;
  onDone: () => Promise<unknown> | void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const act = useMutation(trpc.desk.act.mutationOptions());
  const [materialIds, setMaterialIds] = useState<string[]>([]);
  const [reason, setReason] = useState<string | null>(null);
  const text = reason ?? props.initialReason;
  const close = () => {
    setMaterialIds([]);
    setReason(null);
    props.onClose();
  };

  return (
    <Modal
      open={!!props.taskId}
      title="一次性告知补正材料"
      okText="告知补正并暂停计时"
      cancelText="取消"
      confirmLoading={act.isPending}
      onCancel={close}
      onOk={async () => {
        if (materialIds.length === 0 && !text.trim()) {
          message.error('请选择需要补正的材料或写明补正要求');
          return;
        }
        if (!text.trim()) {
          message.error('请写明补正要求');
          return;
        }
        try {
          await act.mutateAsync({ caseId: props.caseId, expectedVersion: props.version, action: { type: 'supplement', taskId: props.taskId!, reason: text.trim(), materialIds } });
          message.success('补正告知：已完成');
          close();
          await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.desk.materials.supplements.queryKey({ caseId: props.caseId }) }), props.onDone()]);
        } catch (error) {
          message.error(errorMessage(error));
        }
      }}
    >
      <Typography.Paragraph type="secondary">勾选需要申请人补正的材料，补正告知书将逐项列明；补正期间不计入办理时限。</Typography.Paragraph>
      <Checkbox.Group style={{ width: '100%' }} value={materialIds} onChange={(ids) => setMaterialIds(ids as string[])} aria-label="需补正的材料">
        <Space direction="vertical">
          {props.materials.map((material) => (
            <Checkbox key={material.id} value={material.id}>
              {material.name}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <Input.TextArea style={{ marginTop: 12 }} rows={3} value={text} onChange={(event) => setReason(event.target.value)} placeholder="补正要求（例如：章程须全体股东签字）" aria-label="补正要求" />
      <Space wrap style={{ marginTop: 8 }}>
        {opinionPhrases.map((phrase) => (
          <Tag key={phrase} style={{ cursor: 'pointer' }} onClick={() => setReason((current) => ((current ?? props.initialReason) ? `${current ?? props.initialReason}；${phrase}` : phrase))}>
            {phrase}
          </Tag>
        ))}
      </Space>
    </Modal>
  );
}
