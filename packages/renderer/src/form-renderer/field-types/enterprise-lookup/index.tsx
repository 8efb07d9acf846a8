import { connect, mapReadPretty } from '@formily/react';
import type { EnterpriseReference } from '@xlgl/schema';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { useRendererServices } from '../../RendererContext.js';
import { LibraryLookup } from '../shared/LibraryLookup.js';

type Props = { value?: EnterpriseReference; onChange?: (value: EnterpriseReference | undefined) => void; disabled?: boolean; allowCreate?: boolean };

function EnterpriseLookupBase(props: Props) {
  const { lookups } = useRendererServices();
  return (
    <LibraryLookup<EnterpriseReference>
      {...props}
      nameLabel="单位名称"
      codeLabel="统一社会信用代码"
      codeKey="creditCode"
      codeMaxLength={18}
      lookup={lookups?.enterprise}
      libraryName="法人库"
    />
  );
}

function EnterpriseText(props: Props) {
  return <span>{props.value ? `${props.value.name}（${props.value.creditCode}）` : '—'}</span>;
}

export const EnterpriseLookup = connect(EnterpriseLookupBase, mapReadPretty(EnterpriseText));

export const enterpriseLookupRenderer = {
  componentName: 'XlglEnterpriseLookup',
  component: EnterpriseLookup,
  valueType: 'object',
  props: (field) => ({ allowCreate: field.settings.allowCreate }),
} satisfies FieldRenderer;
