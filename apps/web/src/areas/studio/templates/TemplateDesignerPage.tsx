import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, EyeOutlined, RedoOutlined, SaveOutlined, SendOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Empty, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Spin, Tag, Tooltip, Typography, Upload } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { documentTemplatePurposes, templateElementTypes, type TemplateElement, type TemplateElementType } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { ElementProperties } from './ElementProperties.js';
import { TemplateCanvas } from './TemplateCanvas.js';
import { historyOf, newElement, pageSizeMm, pushHistory, redo, undo, type History, type TemplateDocument, type TemplateKind } from './templateModel.js';
import { useLeaveGuard } from '../../../lib/useLeaveGuard.js';

const scale = 3; // px per mm on screen

// PDF.js only loads when a preview opens.
const PdfCanvas = lazy(() => import('./PdfCanvas.js'));

type PaletteItem = { key: string; type: TemplateElementType; label: string; extra?: Partial<TemplateElement> };
type Dragging = { item: PaletteItem; x: number; y: number };

function base64ToBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** Saves the previewed PDF (the same bytes the canvas shows). */
function downloadPdf(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** 证照/文书模板设计器: drag elements onto the scaled page, edit properties, preview with the server renderer, publish. */
export function TemplateDesignerPage() {
  const { kind: kindParam, id = '' } = useParams();
  const kind = (kindParam === 'document' ? 'document-template' : 'certificate-template') as TemplateKind;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message } = App.useApp();
  const loaded = useQuery(trpc.templates.get.queryOptions({ kind, id }));
  const choices = useQuery(trpc.templates.choices.queryOptions());
  const [history, setHistory] = useState<History<TemplateDocument> | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [variant, setVariant] = useState<'original' | 'copy'>('original');
  const [showBackground, setShowBackground] = useState(true);
  const [background, setBackground] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ bytes: Uint8Array; variant: string } | null>(null);
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty, '模板修改');
  const pageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (loaded.data && !history) setHistory(historyOf((loaded.data.draft ?? loaded.data.published)!));
  }, [loaded.data, history]);
  const document = history?.present;
  const bindings = useQuery({ ...trpc.templates.bindings.queryOptions({ formId: document?.formId }), enabled: !!document });

  const backgroundHash = document?.backgroundHash;
  useEffect(() => {
    if (!backgroundHash) return setBackground(null);
    client.templates.image.query({ hash: backgroundHash }).then((image) => setBackground(image.dataUrl), () => setBackground(null));
  }, [backgroundHash, client]);

  const change = useCallback((update: (current: TemplateDocument) => TemplateDocument) => {
    setHistory((current) => (current ? pushHistory(current, update(current.present)) : current));
    setDirty(true);
  }, []);
  const patchElement = useCallback(
    (elementId: string, patch: Partial<TemplateElement>) =>
      change((current) => ({ ...current, elements: current.elements.map((element) => (element.id === elementId ? ({ ...element, ...patch } as TemplateElement) : element)) })),
    [change],
  );

  // Keyboard: undo/redo, delete the selected element.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, [contenteditable=true], .ant-select')) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        setHistory((current) => (current ? (event.shiftKey ? redo(current) : undo(current)) : current));
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        setHistory((current) => (current ? redo(current) : current));
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId) {
        change((current) => ({ ...current, elements: current.elements.filter((element) => element.id !== selectedId) }));
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [change, selectedId]);

  // Palette drag with pointer events: a ghost follows the pointer; releasing over the page places the element.
  useEffect(() => {
    if (!dragging) return;
    const move = (event: PointerEvent) => setDragging((current) => (current ? { ...current, x: event.clientX, y: event.clientY } : current));
    const up = (event: PointerEvent) => {
      const rect = pageRef.current?.querySelector('[data-testid="template-page"]')?.getBoundingClientRect();
      const item = dragging.item;
      setDragging(null);
      if (!rect || event.clientX < rect.left || event.clientX > rect.right || event.clientY < rect.top || event.clientY > rect.bottom) return;
      const element = newElement(item.type, { x: (event.clientX - rect.left) / scale, y: (event.clientY - rect.top) / scale }, item.extra);
      change((current) => ({ ...current, elements: [...current.elements, element] }));
      setSelectedId(element.id);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up, { once: true });
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [dragging, change]);

  const saveDraft = useMutation(trpc.templates.saveDraft.mutationOptions());
  const publish = useMutation(trpc.templates.publish.mutationOptions());
  const renderPreview = useMutation(trpc.templates.preview.mutationOptions());
  const uploadImage = useMutation(trpc.templates.uploadImage.mutationOptions());

  const formLabels = useMemo(() => Object.fromEntries((bindings.data?.formFields ?? []).map((field) => [field.id, field.label])), [bindings.data]);
  const caseLabels = useMemo(() => Object.fromEntries((bindings.data?.caseKeys ?? []).map((entry) => [entry.key, entry.label])), [bindings.data]);

  if (loaded.isLoading || !document) return loaded.error ? <Alert type="error" showIcon message={errorMessage(loaded.error, '加载模板失败')} style={{ margin: 24 }} /> : <Spin style={{ display: 'block', margin: 80 }} />;

  const page = pageSizeMm(document.page);
  const selected = document.elements.find((element) => element.id === selectedId) ?? null;
  const palette: PaletteItem[] = [
    { key: 'text', type: 'text', label: templateElementTypes.text },
    { key: 'list', type: 'list', label: '补正材料清单', extra: { binding: { source: 'case', key: 'supplementItems' }, verticalAlign: 'top' } },
    { key: 'qr', type: 'qr', label: '核验二维码', extra: { qrTarget: kind === 'certificate-template' ? 'verify' : 'progress' } },
    { key: 'seal', type: 'seal', label: templateElementTypes.seal },
    { key: 'image', type: 'image', label: templateElementTypes.image },
    { key: 'line', type: 'line', label: templateElementTypes.line },
  ];
  const fieldItems: PaletteItem[] = [
    ...(bindings.data?.formFields ?? []).map((field) => ({ key: `form:${field.id}`, type: 'field' as const, label: field.label, extra: { binding: { source: 'form' as const, fieldId: field.id } } })),
  ];
  const caseItems: PaletteItem[] = (bindings.data?.caseKeys ?? []).map((entry) => ({
    key: `case:${entry.key}`,
    type: entry.key === 'supplementItems' ? ('list' as const) : ('field' as const),
    label: entry.label,
    extra: { binding: { source: 'case', key: entry.key } as TemplateElement['binding'], ...(/At$|valid/.test(entry.key) ? { format: 'date-cn' as const } : entry.key === 'feeTotal' ? { format: 'money-cn' as const } : {}) },
  }));

  const paletteButton = (item: PaletteItem) => (
    <div
      key={item.key}
      data-palette={item.key}
      role="button"
      tabIndex={0}
      onPointerDown={(event) => {
        event.preventDefault();
        setDragging({ item, x: event.clientX, y: event.clientY });
      }}
      style={{ padding: '3px 8px', margin: '0 4px 4px 0', border: '1px solid #d9d9d9', borderRadius: 4, background: '#fff', cursor: 'grab', display: 'inline-block', fontSize: 12, userSelect: 'none' }}
    >
      {item.label}
    </div>
  );

  const save = async () => {
    try {
      await saveDraft.mutateAsync({ kind, document });
      setDirty(false);
      message.success('草稿已保存');
      return true;
    } catch (error) {
      message.error(errorMessage(error, '保存失败'));
      return false;
    }
  };

  const showPreview = async (which: 'original' | 'copy') => {
    try {
      const result = await renderPreview.mutateAsync({ kind, document, variant: which });
      setPreview({ bytes: base64ToBytes(result.base64), variant: which });
    } catch (error) {
      message.error(errorMessage(error, '预览失败'));
    }
  };

  const doPublish = async () => {
    if (!(await save())) return;
    try {
      const result = await publish.mutateAsync({ kind, id: document.id });
      message.success(`已发布第 ${result.version} 版`);
      await loaded.refetch();
    } catch (error) {
      message.error(errorMessage(error, '发布失败'));
    }
  };

  const setDocument = (patch: Partial<TemplateDocument>) => change((current) => ({ ...current, ...patch }) as TemplateDocument);
  const departments = (choices.data?.departments ?? []).map((entry) => ({ value: entry.id, label: entry.name }));

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 56px)', margin: -24 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 16px', borderBottom: '1px solid #f0f0f0', background: '#fff', flexWrap: 'wrap' }}>
        <Link to="/studio/templates">
          <ArrowLeftOutlined /> 模板列表
        </Link>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {document.name}
        </Typography.Title>
        {loaded.data?.version ? <Tag color="green">已发布第 {loaded.data.version} 版</Tag> : <Tag>未发布</Tag>}
        {(loaded.data?.draft || dirty) && <Tag color="orange">{dirty ? '有未保存的修改' : '草稿'}</Tag>}
        <span style={{ flex: 1 }} />
        <Tooltip title="撤销（Ctrl+Z）">
          <Button aria-label="撤销" icon={<UndoOutlined />} disabled={!history?.past.length} onClick={() => setHistory((current) => current && undo(current))} />
        </Tooltip>
        <Tooltip title="重做（Ctrl+Y）">
          <Button aria-label="重做" icon={<RedoOutlined />} disabled={!history?.future.length} onClick={() => setHistory((current) => current && redo(current))} />
        </Tooltip>
        <Radio.Group optionType="button" size="middle" value={variant} onChange={(event) => setVariant(event.target.value)} options={[{ value: 'original', label: '正本' }, { value: 'copy', label: '副本' }]} />
        <Button icon={<EyeOutlined />} loading={renderPreview.isPending} onClick={() => showPreview(variant)}>
          预览
        </Button>
        <Button icon={<SaveOutlined />} loading={saveDraft.isPending} onClick={save}>
          保存草稿
        </Button>
        <Popconfirm title="发布后新办件使用新版本，已签发的证照不受影响。确定发布？" okText="发布" cancelText="取消" onConfirm={doPublish}>
          <Button type="primary" icon={<SendOutlined />} loading={publish.isPending}>
            发布
          </Button>
        </Popconfirm>
      </div>
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <div style={{ width: 230, borderRight: '1px solid #f0f0f0', padding: 12, overflow: 'auto', background: '#fafafa' }} data-testid="template-palette">
          <Typography.Text strong>元素</Typography.Text>
          <div style={{ marginTop: 6 }}>{palette.map(paletteButton)}</div>
          <Typography.Text strong>表单字段</Typography.Text>
          <div style={{ marginTop: 6 }}>{fieldItems.length ? fieldItems.map(paletteButton) : <Typography.Text type="secondary">未绑定表单</Typography.Text>}</div>
          <Typography.Text strong>办件数据</Typography.Text>
          <div style={{ marginTop: 6 }}>{caseItems.map(paletteButton)}</div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            把元素拖到页面上；拖动元素移动，拖右下角调整大小，按毫米网格对齐。Delete 删除选中元素。
          </Typography.Paragraph>
        </div>
        <div ref={pageRef} style={{ flex: 1, overflow: 'auto', padding: 24, background: '#eef0f3' }}>
          <TemplateCanvas
            page={page}
            scale={scale}
            elements={document.elements}
            variant={variant}
            selectedId={selectedId}
            labels={{ form: formLabels, case: caseLabels }}
            background={showBackground ? background : null}
            onSelect={setSelectedId}
            onChange={(elementId, box) => patchElement(elementId, box)}
          />
        </div>
        <div style={{ width: 300, borderLeft: '1px solid #f0f0f0', padding: 12, overflow: 'auto', background: '#fff' }}>
          {selected ? (
            <>
              <ElementProperties
                element={selected}
                formFields={(bindings.data?.formFields ?? []).map((field) => ({ value: field.id, label: `${field.label}（${field.section}）` }))}
                caseKeys={(bindings.data?.caseKeys ?? []).map((entry) => ({ value: entry.key, label: entry.label }))}
                organizations={departments}
                onChange={(patch) => patchElement(selected.id, patch)}
              />
              <Button danger block icon={<DeleteOutlined />} style={{ marginTop: 12 }} onClick={() => {
                change((current) => ({ ...current, elements: current.elements.filter((element) => element.id !== selected.id) }));
                setSelectedId(null);
              }}>
                删除元素
              </Button>
            </>
          ) : (
            <Form layout="vertical" size="small" data-testid="template-settings">
              <Typography.Text strong>模板设置</Typography.Text>
              <Form.Item label="模板名称" style={{ marginTop: 8, marginBottom: 8 }}>
                <Input aria-label="模板名称" value={document.name} onChange={(event) => setDocument({ name: event.target.value })} />
              </Form.Item>
              {document.kind === 'certificate-template' ? (
                <>
                  <Form.Item label="证照名称" style={{ marginBottom: 8 }}>
                    <Input aria-label="证照名称" value={document.certificateName} onChange={(event) => setDocument({ certificateName: event.target.value } as Partial<TemplateDocument>)} />
                  </Form.Item>
                  <Form.Item label="编号规则" style={{ marginBottom: 8 }} extra={(bindings.data?.numberRuleTokens ?? []).map((token) => `${token.token} ${token.label}`).join('；')}>
                    <Input aria-label="编号规则" value={document.numberRule} onChange={(event) => setDocument({ numberRule: event.target.value } as Partial<TemplateDocument>)} />
                  </Form.Item>
                  <Form.Item label="有效期（年，0 为长期）" style={{ marginBottom: 8 }}>
                    <InputNumber aria-label="有效期" min={0} max={100} value={document.validityYears} onChange={(value) => setDocument({ validityYears: value ?? undefined } as Partial<TemplateDocument>)} />
                  </Form.Item>
                </>
              ) : (
                <Form.Item label="文书用途" style={{ marginBottom: 8 }}>
                  <Select aria-label="文书用途" value={document.purpose} onChange={(purpose) => setDocument({ purpose } as Partial<TemplateDocument>)} options={Object.entries(documentTemplatePurposes).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              )}
              <Form.Item label="所属部门（用印部门）" style={{ marginBottom: 8 }}>
                <Select aria-label="所属部门" allowClear showSearch optionFilterProp="label" value={document.departmentId} onChange={(departmentId?: string) => setDocument({ departmentId })} options={departments} />
              </Form.Item>
              <Form.Item label="绑定表单" style={{ marginBottom: 8 }}>
                <Select aria-label="绑定表单" allowClear showSearch optionFilterProp="label" value={document.formId} onChange={(formId?: string) => setDocument({ formId })} options={(choices.data?.forms ?? []).map((form) => ({ value: form.id, label: form.name }))} />
              </Form.Item>
              <Form.Item label="纸张" style={{ marginBottom: 8 }}>
                <Space wrap>
                  <Select aria-label="纸张大小" style={{ width: 100 }} value={document.page.size} onChange={(size) => setDocument({ page: { ...document.page, size, ...(size === 'custom' ? { width: document.page.width ?? page.width, height: document.page.height ?? page.height } : {}) } })} options={[{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }, { value: 'A5', label: 'A5' }, { value: 'custom', label: '自定义' }]} />
                  <Radio.Group size="small" value={document.page.orientation} onChange={(event) => setDocument({ page: { ...document.page, orientation: event.target.value } })} options={[{ value: 'portrait', label: '纵向' }, { value: 'landscape', label: '横向' }]} />
                </Space>
              </Form.Item>
              {document.page.size === 'custom' && (
                <Space.Compact block style={{ marginBottom: 8 }}>
                  <InputNumber aria-label="纸张宽度" addonAfter="mm" min={50} max={1200} value={document.page.width} onChange={(width) => width && setDocument({ page: { ...document.page, width } })} />
                  <InputNumber aria-label="纸张高度" addonAfter="mm" min={50} max={1200} value={document.page.height} onChange={(height) => height && setDocument({ page: { ...document.page, height } })} />
                </Space.Compact>
              )}
              <Form.Item label="套打底图（仅用于定位，不打印）" style={{ marginBottom: 8 }}>
                <Space wrap>
                  <Upload
                    accept="image/png,image/jpeg"
                    showUploadList={false}
                    beforeUpload={async (file) => {
                      try {
                        const stored = await uploadImage.mutateAsync({ base64: await fileToBase64(file) });
                        setDocument({ backgroundHash: stored.hash });
                      } catch (error) {
                        message.error(errorMessage(error, '上传失败'));
                      }
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined />} loading={uploadImage.isPending}>
                      上传底图
                    </Button>
                  </Upload>
                  {document.backgroundHash && (
                    <>
                      <Checkbox checked={showBackground} onChange={(event) => setShowBackground(event.target.checked)}>
                        显示
                      </Checkbox>
                      <Button size="small" type="link" onClick={() => setDocument({ backgroundHash: undefined })}>
                        移除
                      </Button>
                    </>
                  )}
                </Space>
              </Form.Item>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                点击页面上的元素可编辑其属性。页面 {page.width}×{page.height} 毫米，共 {document.elements.length} 个元素。
              </Typography.Paragraph>
            </Form>
          )}
        </div>
      </div>
      {dragging && (
        <div style={{ position: 'fixed', left: dragging.x + 8, top: dragging.y + 8, padding: '2px 8px', background: '#1677ff', color: '#fff', borderRadius: 4, pointerEvents: 'none', zIndex: 2000, fontSize: 12 }}>
          {dragging.item.label}
        </div>
      )}
      <Drawer
        open={!!preview}
        width={760}
        title={`预览（${preview?.variant === 'copy' ? '副本' : '正本'}，示例数据，服务器生成）`}
        onClose={() => setPreview(null)}
        extra={
          <Space>
            <Button loading={renderPreview.isPending} onClick={() => showPreview('original')}>正本</Button>
            <Button loading={renderPreview.isPending} onClick={() => showPreview('copy')}>副本</Button>
            <Button icon={<DownloadOutlined />} disabled={!preview} onClick={() => preview && downloadPdf(preview.bytes, `${document.name}-预览.pdf`)}>
              下载 PDF
            </Button>
          </Space>
        }
      >
        <div data-testid="template-preview" data-variant={preview?.variant}>
          {preview ? (
            <Suspense fallback={<Spin style={{ display: 'block', margin: 80 }} />}>
              <PdfCanvas data={preview.bytes} width={680} label={`模板预览（${preview.variant === 'copy' ? '副本' : '正本'}）`} />
            </Suspense>
          ) : (
            <Empty />
          )}
        </div>
      </Drawer>
    </div>
  );
}
