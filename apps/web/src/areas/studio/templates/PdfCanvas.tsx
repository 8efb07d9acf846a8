import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * Shows page 1 of a PDF drawn on a canvas by PDF.js — the bytes the server's generator produced, so
 * the preview is exactly what prints. PDF.js (≈ 1 MB + worker) is imported here only; load this
 * component with `React.lazy` so no area pays for it until a preview opens.
 */
export default function PdfCanvas({ data, width, label = 'PDF 预览' }: { data: Uint8Array; width: number; label?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<{ status: 'loading' | 'rendered' | 'error'; message?: string; pages?: number }>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    setState({ status: 'loading' });
    (async () => {
      const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      // A copy: PDF.js transfers the buffer to its worker, and the caller keeps its bytes (download).
      const loading = pdfjs.getDocument({ data: data.slice(), isEvalSupported: false, disableFontFace: true, enableXfa: false });
      cleanup = () => void loading.destroy();
      const document = await loading.promise;
      const page = await document.getPage(1);
      if (cancelled) return;
      const canvas = canvasRef.current!;
      const base = page.getViewport({ scale: 1 });
      const pixelRatio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / base.width) * pixelRatio });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${Math.round(viewport.height / pixelRatio)}px`;
      await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, background: '#ffffff' }).promise;
      if (!cancelled) setState({ status: 'rendered', pages: document.numPages });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [data, width]);

  return (
    <div style={{ position: 'relative', minHeight: 200 }}>
      {state.status === 'loading' && <Spin tip="正在绘制预览…" style={{ position: 'absolute', left: '50%', top: 80 }} />}
      {state.status === 'error' && <Alert type="error" showIcon message={`无法显示预览：${state.message}`} />}
      {state.status === 'rendered' && (state.pages ?? 1) > 1 && <Alert type="warning" showIcon message={`文件共 ${state.pages} 页，这里显示第 1 页`} style={{ marginBottom: 8 }} />}
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={label}
        data-testid="pdf-canvas"
        data-rendered={state.status === 'rendered' ? 'true' : 'false'}
        style={{ display: state.status === 'error' ? 'none' : 'block', boxShadow: '0 1px 6px rgba(0,0,0,0.25)', background: '#fff' }}
      />
    </div>
  );
}
