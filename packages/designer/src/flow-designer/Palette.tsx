import { memo, type DragEvent } from 'react';
import { Typography } from 'antd';
import { flowNodeColor, flowNodeLooks } from '@xlgl/renderer/progress-view';
import { paletteGroups } from './node-types/definition.js';
import { nodeDesign, paletteEntries, type PaletteEntry } from './node-types/registry.js';

/** MIME type of a palette drag; the payload is the preset key. */
export const paletteDragType = 'application/x-xlgl-flow-node';

type Props = { onAdd: (presetKey: string) => void };

/** Node types grouped as in the schema's registry; drag onto the canvas, or double-click to add. */
export const Palette = memo(function Palette({ onAdd }: Props) {
  const startDrag = (event: DragEvent, entry: PaletteEntry) => {
    event.dataTransfer.setData(paletteDragType, entry.preset.key);
    event.dataTransfer.setData('text/plain', entry.preset.key);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <div style={{ padding: 8 }} data-testid="flow-palette">
      {paletteGroups.map((group) => (
        <div key={group} style={{ marginBottom: 10 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {group}
          </Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4, marginTop: 4 }}>
            {paletteEntries
              .filter((entry) => nodeDesign(entry.type).group === group)
              .map((entry) => {
                const color = flowNodeColor(entry.type, entry.preset.settings ?? {});
                return (
                  <div
                      key={entry.preset.key}
                      // A native title: an overlay tooltip would linger over the canvas during a drag.
                      title={`${entry.preset.hint ?? flowNodeLooks[entry.type].typeLabel}：${nodeDesign(entry.type).description}`}
                      draggable
                      role="button"
                      tabIndex={0}
                      data-palette-key={entry.preset.key}
                      onDragStart={(event) => startDrag(event, entry)}
                      onDoubleClick={() => onAdd(entry.preset.key)}
                      onKeyDown={(event) => event.key === 'Enter' && onAdd(entry.preset.key)}
                      style={{
                        padding: '4px 6px',
                        fontSize: 12,
                        border: '1px solid #e5e5e5',
                        borderLeft: `4px solid ${color}`,
                        borderRadius: 4,
                        background: '#fff',
                        cursor: 'grab',
                        userSelect: 'none',
                        whiteSpace: 'nowrap',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                      }}
                    >
                      {entry.preset.label}
                    </div>
                );
              })}
          </div>
        </div>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        拖到画布上添加，或双击添加到画布中央
      </Typography.Text>
    </div>
  );
});
