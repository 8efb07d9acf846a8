import { connect, mapReadPretty } from '@formily/react';
import type { PersonReference } from '@xlgl/schema';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { useRendererServices } from '../../RendererContext.js';
import { LibraryLookup } from '../shared/LibraryLookup.js';

type Props = { value?: PersonReference; onChange?: (value: PersonReference | undefined) => void; disabled?: boolean; allowCreate?: boolean };

function PersonLookupBase(props: Props) {
  const { lookups } = useRendererServices();
  return (
    <LibraryLookup<PersonReference>
      {...props}
      nameLabel="姓名"
      codeLabel="身份证号码"
      codeKey="idNumber"
      codeMaxLength={18}
      lookup={lookups?.person}
      libraryName="自然人库"
    />
  );
}

function PersonText(props: Props) {
  return <span>{props.value ? `${props.value.name}（${props.value.idNumber}）` : '—'}</span>;
}

export const PersonLookup = connect(PersonLookupBase, mapReadPretty(PersonText));

export const personLookupRenderer = {
  componentName: 'XlglPersonLookup',
  component: PersonLookup,
  valueType: 'object',
  props: (field) => ({ allowCreate: field.settings.allowCreate }),
} satisfies FieldRenderer;
