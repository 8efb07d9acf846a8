import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { TemplateElement } from '@xlgl/schema';
import { printableText } from './pdf/printableText.js';
import { renderTemplatePdf } from './renderTemplatePdf.js';
import type { TemplateData, TemplateDocument } from './resolveBindings.js';
import { pdfText } from './testing/poppler.js';

/** Hostile strings (#10): each must print as literal, inert text. */
const hostile = {
  sql: "'); DROP TABLE certificates; -- 巴特尔",
  html: '<b>粗体</b><img src=x onerror="alert(1)"> &amp; &lt;',
  script: '<script>alert("xss")</script>锡林浩特',
  pdfSyntax: ') Tj ET endstream endobj 99 0 obj << /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >> endobj trailer << /Root 99 0 R /OpenAction 99 0 R >> %%EOF \\ (',
  pdfName: '/JavaScript /JS /Launch /URI (http://evil.example) /AA <</S/JavaScript>>',
  controls: '甲\u0000乙\u0007丙\r\n丁\t戊\u001b[31m己\u007f庚\u0085辛',
  bidi: '\u202e司公限有\u200f草原\u200e印象\u2066餐饮\u2069\ufeff\u200b',
  long: '锡林郭勒盟'.repeat(100) + 'ABCDEFGHIJ'.repeat(50),
} as const;

function documentTemplate(elements: TemplateElement[], name = '恶意文本测试'): TemplateDocument {
  return { kind: 'document-template', id: 'hostile-text', version: 1, schemaVersion: 1, name, purpose: 'other', page: { size: 'A4', orientation: 'portrait' }, elements } as TemplateDocument;
}

const element = (id: string, y: number, extra: Partial<TemplateElement>): TemplateElement =>
  ({ id, type: 'text', x: 15, y, width: 180, height: 30, format: 'plain', font: 'serif', fontSize: 10, fontWeight: 'normal', align: 'left', wrap: true, variants: ['original', 'copy'], ...extra }) as TemplateElement;

/** A template with one fixed-text and one bound element per hostile value (and the hostile text as its name). */
function hostileTemplate(values: Record<string, string>): { template: TemplateDocument; data: TemplateData } {
  const elements: TemplateElement[] = [];
  const form: Record<string, unknown> = {};
  Object.entries(values).forEach(([key, value], index) => {
    elements.push(element(`fixed-${index}`, 10 + index * 34, { text: value, height: 16 }));
    elements.push(element(`bound-${index}`, 27 + index * 34, { type: 'field', binding: { source: 'form', fieldId: `f_${index}` }, height: 16 }));
    form[`f_${index}`] = value;
    void key;
  });
  return { template: documentTemplate(elements, Object.values(values).join(' ').slice(0, 100)), data: { form } };
}

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');
const objectCount = (pdf: Uint8Array) => latin1(pdf).match(/\d+ 0 obj\b/g)?.length ?? 0;
const compact = (text: string) => text.replace(/\s+/g, '');

/** The file with every Flate stream inflated, so compressed content streams are searched too. */
function expanded(pdf: Uint8Array): string {
  const raw = latin1(pdf);
  const parts = [raw];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1'));
    } catch {
      // not a Flate stream (e.g. the font program is also Flate; anything else is left as it is)
    }
  }
  return parts.join('\n');
}

describe('hostile text in PDFs (#10)', () => {
  it('reduces control and invisible format characters to what prints', () => {
    expect(printableText(hostile.controls)).toBe('甲乙丙\n丁 戊[31m己庚辛');
    expect(printableText(hostile.bidi)).toBe('司公限有草原印象餐饮');
    expect(printableText('a\u2028b\u2029c\vd\fe')).toBe('a\nb\nc\nd\ne');
    expect(printableText('半个\ud800代理')).toBe('半个\ufffd代理');
    expect(printableText(hostile.sql)).toBe(hostile.sql);
  });

  it('prints SQL, HTML, script, PDF syntax, control characters, bidi marks and 1,000 characters as literal text without new objects or actions', async () => {
    const benignValues = Object.fromEntries(Object.keys(hostile).map((key) => [key, '锡林浩特市草原印象餐饮有限公司']));
    const benign = hostileTemplate(benignValues);
    const attack = hostileTemplate(hostile);
    const benignPdf = await renderTemplatePdf(benign.template, benign.data, { variant: 'original' });
    const pdf = await renderTemplatePdf(attack.template, attack.data, { variant: 'original' });
    const raw = latin1(pdf);

    // Structure: exactly the objects the same template with harmless text has, one trailer, one %%EOF,
    // and no action, script, launch or link anywhere in the file (the Info title included).
    expect(objectCount(pdf)).toBe(objectCount(benignPdf));
    expect(raw.match(/endobj/g)!.length).toBe(objectCount(pdf));
    expect(raw.match(/trailer/g)).toHaveLength(1);
    expect(raw.match(/%%EOF/g)).toHaveLength(1);
    const everything = expanded(pdf);
    expect(everything.length).toBeGreaterThan(raw.length);
    for (const forbidden of ['/JavaScript', '/JS', '/OpenAction', '/AA', '/Launch', '/URI', '/Action', '/EmbeddedFile', '/XFA', '/AcroForm', 'alert', '<script', 'DROP TABLE']) {
      expect(everything, forbidden).not.toContain(forbidden);
    }
    // Text is drawn as glyph ids in hex strings (<0a1b…> Tj), never as literal (…) strings.
    const content = everything.slice(raw.length);
    expect(content).toMatch(/<[0-9A-Fa-f]+> Tj/);
    expect(content).not.toMatch(/\) Tj/);

    // Content: every value appears literally (as printed), twice (fixed text and bound value).
    const text = compact(pdfText(pdf, 'raw'));
    for (const [key, value] of Object.entries(hostile)) {
      const printed = compact(printableText(value));
      expect(text.split(printed).length - 1, key).toBeGreaterThanOrEqual(2);
    }
    // The right-to-left override did not reorder anything: the characters read in stored order.
    expect(text).toContain('司公限有草原印象餐饮');
  });

  it('keeps the hostile template name as inert metadata', async () => {
    const { template, data } = hostileTemplate({ a: '正常' });
    const pdf = await renderTemplatePdf({ ...template, name: hostile.pdfSyntax.slice(0, 100) }, data, { variant: 'original' });
    const raw = latin1(pdf);
    expect(raw).not.toContain('/JavaScript');
    expect(raw).not.toContain('/OpenAction');
    expect(raw.match(/trailer/g)).toHaveLength(1);
  });

  it('refuses emoji and characters missing from the font with a clear message instead of printing boxes', async () => {
    const { template, data } = hostileTemplate({ emoji: '草原😀印象🐎' });
    await expect(renderTemplatePdf(template, data, { variant: 'original' })).rejects.toThrow('元素「fixed-0」含字体不支持的字符：「😀」U+1F600、「🐎」U+1F40E');
    const bound = { ...template, elements: template.elements.filter((entry) => entry.type === 'field') };
    await expect(renderTemplatePdf(bound, data, { variant: 'original' })).rejects.toThrow('元素「bound-0」含字体不支持的字符：「😀」U+1F600');
  });
});
