import type { DragEvent } from 'react';
import type { FieldType } from '@xlgl/schema';

/** What is being dragged inside the form designer. */
export type DragPayload =
  { kind: 'new-field'; type: FieldType } | { kind: 'field'; fieldId: string } | { kind: 'section'; sectionId: string };

/** Our own MIME type, so drops of foreign content (files, text from elsewhere) are ignored. */
export const dragMimeType = 'application/x-xlgl-form-designer';

// `dataTransfer.getData` is unreadable during dragover, so the payload is also kept here.
let current: DragPayload | undefined;

/** Starts a native HTML5 drag carrying `payload`. */
export function startDrag(event: DragEvent, payload: DragPayload): void {
  current = payload;
  event.dataTransfer.setData(dragMimeType, JSON.stringify(payload));
  // some browsers only start a drag that carries text
  event.dataTransfer.setData('text/plain', payload.kind === 'new-field' ? payload.type : '');
  event.dataTransfer.effectAllowed = payload.kind === 'new-field' ? 'copy' : 'move';
}

/** The payload of the drag over `event`, when it is one of ours. */
export function draggedPayload(event: DragEvent): DragPayload | undefined {
  if (!Array.from(event.dataTransfer.types).includes(dragMimeType)) return undefined;
  if (current) return current;
  try {
    return JSON.parse(event.dataTransfer.getData(dragMimeType)) as DragPayload;
  } catch {
    return undefined;
  }
}

/** Forgets the payload (drag ended, dropped or cancelled). */
export function endDrag(): void {
  current = undefined;
}

/** Which half of an element the pointer is over: horizontally for inline cards, else vertically. */
export function dropSide(event: DragEvent, horizontal: boolean): 'before' | 'after' {
  const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
  if (horizontal) return event.clientX < rect.left + rect.width / 2 ? 'before' : 'after';
  return event.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
}
