import { useRef, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import type { TemplateElement, TemplateElementType } from '@xlgl/schema';
import { clampToPage, elementCaption, snapMm } from './templateModel.js';

export type CanvasLabels = { form: Record<string, string>; case: Record<string, string> };

type Props = {
  page: { width: number; height: number };
  /** Screen pixels per millimetre. */
  scale: number;
  elements: TemplateElement[];
  variant: 'original' | 'copy';
  selectedId: string | null;
  labels: CanvasLabels;
  background?: string | null;
  onSelect: (id: string | null) => void;
  /** A move or resize finished (one undo step). */
  onChange: (id: string, box: Pick<TemplateElement, 'x' | 'y' | 'width' | 'height'>) => void;
};

type Gesture = { id: string; mode: 'move' | 'resize'; startX: number; startY: number; origin: Pick<TemplateElement, 'x' | 'y' | 'width' | 'height'>; node: HTMLElement };

const typeColours: Record<TemplateElementType, string> = {
  text: '#595959',
  field: '#1677ff',
  list: '#13a8a8',
  image: '#722ed1',
  qr: '#389e0d',
  seal: '#cf1322',
  line: '#595959',
};

/**
 * The scaled page: elements placed in millimetres, moved by dragging, resized by the corner handle,
 * both snapped to the 1 mm grid. The background scan (套打底图) is shown here only.
 */
export function TemplateCanvas(props: Props) {
  const gesture = useRef<Gesture | null>(null);
  const { scale, page } = props;

  const begin = (event: ReactPointerEvent<HTMLElement>, element: TemplateElement, mode: Gesture['mode']) => {
    event.stopPropagation();
    event.preventDefault();
    props.onSelect(element.id);
    const node = (mode === 'move' ? event.currentTarget : event.currentTarget.parentElement) as HTMLElement;
    node.setPointerCapture?.(event.pointerId);
    gesture.current = { id: element.id, mode, startX: event.clientX, startY: event.clientY, origin: { x: element.x, y: element.y, width: element.width, height: element.height }, node };
  };

  const boxOf = (event: { clientX: number; clientY: number }) => {
    const current = gesture.current!;
    const dx = (event.clientX - current.startX) / scale;
    const dy = (event.clientY - current.startY) / scale;
    const raw =
      current.mode === 'move'
        ? { ...current.origin, x: snapMm(current.origin.x + dx), y: snapMm(current.origin.y + dy) }
        : { ...current.origin, width: Math.max(1, snapMm(current.origin.width + dx)), height: Math.max(1, snapMm(current.origin.height + dy)) };
    return clampToPage(raw, page);
  };

  const move = (event: ReactPointerEvent<HTMLElement>) => {
    if (!gesture.current) return;
    // Moved directly on the DOM while dragging; the document changes once, on release (one undo step).
    const box = boxOf(event);
    const style = gesture.current.node.style;
    style.left = `${box.x * scale}px`;
    style.top = `${box.y * scale}px`;
    style.width = `${box.width * scale}px`;
    style.height = `${box.height * scale}px`;
  };

  const end = (event: ReactPointerEvent<HTMLElement>) => {
    if (!gesture.current) return;
    const box = boxOf(event);
    const { id, origin } = gesture.current;
    gesture.current = null;
    if (box.x !== origin.x || box.y !== origin.y || box.width !== origin.width || box.height !== origin.height) props.onChange(id, box);
  };

  const grid = `${5 * scale}px ${5 * scale}px`;
  const pageStyle: CSSProperties = {
    position: 'relative',
    width: page.width * scale,
    height: page.height * scale,
    background: '#fff',
    boxShadow: '0 2px 12px rgba(0,0,0,0.15)',
    backgroundImage: 'linear-gradient(to right, rgba(22,119,255,0.07) 1px, transparent 1px), linear-gradient(to bottom, rgba(22,119,255,0.07) 1px, transparent 1px)',
    backgroundSize: grid,
    userSelect: 'none',
  };

  return (
    <div data-testid="template-page" data-scale={scale} style={pageStyle} onPointerDown={() => props.onSelect(null)} onPointerMove={move} onPointerUp={end}>
      {props.background && <img src={props.background} alt="套打底图" data-testid="template-background" style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', opacity: 0.35, pointerEvents: 'none' }} />}
      {props.elements.map((element) => {
        const hidden = !(element.variants ?? ['original', 'copy']).includes(props.variant);
        const selected = element.id === props.selectedId;
        const colour = typeColours[element.type];
        const caption = elementCaption(element, props.labels);
        return (
          <div
            key={element.id}
            data-element-id={element.id}
            data-element-type={element.type}
            title={caption || element.type}
            onPointerDown={(event) => begin(event, element, 'move')}
            style={{
              position: 'absolute',
              left: element.x * scale,
              top: element.y * scale,
              width: element.width * scale,
              height: element.height * scale,
              border: `1px ${selected ? 'solid' : 'dashed'} ${selected ? '#1677ff' : `${colour}88`}`,
              background: selected ? 'rgba(22,119,255,0.08)' : element.type === 'seal' ? 'rgba(207,19,34,0.05)' : 'transparent',
              borderRadius: element.type === 'seal' ? '50%' : 0,
              color: colour,
              fontFamily: element.font === 'sans' ? 'sans-serif' : 'serif',
              fontWeight: element.fontWeight === 'bold' ? 700 : 400,
              fontSize: Math.max(8, (element.fontSize ?? 12) * 0.3528 * scale),
              lineHeight: 1.2,
              textAlign: element.align ?? 'left',
              whiteSpace: element.wrap === false ? 'nowrap' : 'pre-wrap',
              cursor: 'move',
              opacity: hidden ? 0.25 : 1,
              display: 'flex',
              alignItems: element.verticalAlign === 'top' ? 'flex-start' : element.verticalAlign === 'bottom' ? 'flex-end' : 'center',
              justifyContent: element.align === 'center' ? 'center' : element.align === 'right' ? 'flex-end' : 'flex-start',
              boxSizing: 'border-box',
            }}
          >
            {element.type === 'line' ? <div style={{ borderTop: '1px solid #000', width: '100%' }} /> : <span style={{ width: '100%', maxHeight: '100%', overflow: 'hidden' }}>{caption}</span>}
            {selected && (
              <span
                data-testid="resize-handle"
                onPointerDown={(event) => begin(event, element, 'resize')}
                style={{ position: 'absolute', right: -5, bottom: -5, width: 10, height: 10, background: '#1677ff', cursor: 'nwse-resize', borderRadius: 2 }}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
