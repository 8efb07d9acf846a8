import { Tooltip, Typography } from 'antd';
import { fieldTypeDefinition, fieldTypes, type FieldType, type FieldTypeDefinition } from '@xlgl/schema';
import { fieldTypeIcons, paletteGroupLabels } from './fieldTypeLooks.js';
import { endDrag, startDrag } from './dragState.js';

type PaletteProps = {
  /** Adds a field of the type to the selected section (for clicks and keyboard users). */
  onAdd: (type: FieldType) => void;
};

const groups = Object.keys(paletteGroupLabels) as FieldTypeDefinition['group'][];

/** Every field type from the schema's registry, grouped; drag one onto a section, or click it. */
export function Palette({ onAdd }: PaletteProps) {
  return (
    <div className="xfd-palette" aria-label="字段类型">
      {groups.map((group) => {
        const types = fieldTypes.filter((type) => fieldTypeDefinition(type).group === group);
        if (types.length === 0) return null;
        return (
          <div key={group} className="xfd-palette-group">
            <Typography.Text type="secondary" className="xfd-palette-title">
              {paletteGroupLabels[group]}
            </Typography.Text>
            <div className="xfd-palette-items">
              {types.map((type) => (
                <Tooltip key={type} title="拖到右侧分组中，或点击添加到当前分组" mouseEnterDelay={0.8}>
                  <div
                    className="xfd-palette-item"
                    role="button"
                    tabIndex={0}
                    draggable
                    data-field-type={type}
                    onDragStart={(event) => startDrag(event, { kind: 'new-field', type })}
                    onDragEnd={endDrag}
                    onClick={() => onAdd(type)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        onAdd(type);
                      }
                    }}
                  >
                    <span className="xfd-palette-icon">{fieldTypeIcons[type]}</span>
                    <span title={fieldTypeDefinition(type).label}>{fieldTypeDefinition(type).label}</span>
                  </div>
                </Tooltip>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
