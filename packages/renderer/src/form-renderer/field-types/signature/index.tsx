import { useRef } from 'react';
import { Button, Space } from 'antd';
import { connect, mapReadPretty } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { useRendererServices } from '../../RendererContext.js';

type Props = { value?: string; onChange?: (value: string | undefined) => void; disabled?: boolean; width?: number; height?: number };

/** Handwriting pad: pointer strokes on a canvas, saved as a PNG data URL on every stroke end. */
function SignaturePadBase(props: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const context = () => canvas.current?.getContext('2d') ?? null;
  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const width = props.width ?? 400;
  const height = props.height ?? 160;
  return (
    <Space direction="vertical">
      {props.value && <img src={props.value.startsWith('data:') ? props.value : undefined} alt="已签名" style={{ width: width / 2, border: '1px solid #eee' }} />}
      <canvas
        ref={canvas}
        width={width}
        height={height}
        aria-label="签名板"
        style={{ border: '1px dashed #999', touchAction: 'none', cursor: props.disabled ? 'not-allowed' : 'crosshair' }}
        onPointerDown={(event) => {
          const ctx = context();
          if (props.disabled || !ctx) return;
          drawing.current = true;
          const { x, y } = point(event);
          ctx.lineWidth = 2;
          ctx.lineCap = 'round';
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          const ctx = context();
          if (!drawing.current || !ctx) return;
          const { x, y } = point(event);
          ctx.lineTo(x, y);
          ctx.stroke();
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = false;
          props.onChange?.(canvas.current?.toDataURL('image/png'));
        }}
      />
      <Button
        size="small"
        disabled={props.disabled}
        onClick={() => {
          const ctx = context();
          if (ctx && canvas.current) ctx.clearRect(0, 0, canvas.current.width, canvas.current.height);
          props.onChange?.(undefined);
        }}
      >
        清除签名
      </Button>
    </Space>
  );
}

function SignatureImage(props: Props) {
  const { fileUrl } = useRendererServices();
  if (!props.value) return <span>—</span>;
  const src = props.value.startsWith('data:') ? props.value : fileUrl?.(props.value);
  return src ? <img src={src} alt="签名" style={{ maxWidth: 200 }} /> : <span>已签名</span>;
}

export const SignaturePad = connect(SignaturePadBase, mapReadPretty(SignatureImage));

export const signatureRenderer = {
  componentName: 'XlglSignature',
  component: SignaturePad,
  valueType: 'string',
  props: (field) => ({ width: field.settings.width, height: field.settings.height }),
} satisfies FieldRenderer;
