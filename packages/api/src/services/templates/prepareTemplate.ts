import { listLines, type TemplateData, type TemplateDocument } from '@xlgl/documents';

export { listLines };

export type TemplateLinks = {
  /** Content of QR elements aimed at the verification page (`qrTarget: 'verify'`, the default for certificates). */
  verifyUrl?: string;
  /** Content of QR elements aimed at the public progress page (`qrTarget: 'progress'`). */
  progressUrl?: string;
};

/**
 * The template as the PDF renderer draws it: list elements become their numbered lines, and each QR
 * element gets the URL of its target, so one template may carry a verification and a progress code.
 * Everything else goes to `renderTemplatePdf` unchanged (its font subsetting and layout are reused).
 */
export function prepareTemplate<T extends TemplateDocument>(template: T, data: TemplateData, links: TemplateLinks): T {
  const elements = template.elements.map((element) => {
    if (element.type === 'list') {
      const raw = element.binding ? (element.binding.source === 'form' ? data.form?.[element.binding.fieldId] : data.case?.[element.binding.key]) : undefined;
      const text = element.binding ? listLines(raw) : (element.text ?? '');
      return { ...element, type: 'text' as const, binding: undefined, text };
    }
    if (element.type === 'qr') {
      const target = element.qrTarget ?? (template.kind === 'certificate-template' ? 'verify' : 'progress');
      const url = target === 'verify' ? links.verifyUrl : links.progressUrl;
      if (url) return { ...element, binding: undefined, text: url };
    }
    return element;
  });
  return { ...template, elements };
}
