import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { label, regionCode } from '../common.js';

export const regionLevels = ['league', 'banner', 'township', 'village'] as const;
export type RegionLevel = (typeof regionLevels)[number];
export const regionLevelLabels: Record<RegionLevel, string> = {
  league: '盟市',
  banner: '旗县市',
  township: '苏木乡镇',
  village: '嘎查村',
};

/** Expected code length per level (GB/T 2260 + statistical division codes). */
export const regionCodeLength: Record<RegionLevel, number> = { league: 6, banner: 6, township: 9, village: 12 };

export const regionDocument = documentBase('region')
  .extend({
    schemaVersion: z.literal(1),
    code: regionCode,
    name: label('区划名称', 50),
    level: z.enum(regionLevels, { message: '区划级别应为盟市、旗县市、苏木乡镇或嘎查村' }),
    parentCode: regionCode.optional(),
    /** Statistical-only divisions (e.g. 乌拉盖管理区) are kept but flagged. */
    statisticalOnly: z.boolean().optional(),
  })
  .superRefine((doc, ctx) => {
    if (doc.code.length !== regionCodeLength[doc.level]) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `${doc.name}的区划代码长度与级别不符` });
    }
    if (doc.level !== 'league' && !doc.parentCode) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '除盟市外，区划必须指定上级' });
    }
    if (doc.parentCode && !doc.code.startsWith(doc.parentCode.slice(0, doc.level === 'banner' ? 4 : doc.parentCode.length))) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '区划代码与上级区划代码不一致' });
    }
  });
export type RegionDocument = z.infer<typeof regionDocument>;

export function regionReferences(doc: RegionDocument): DocumentReference[] {
  return doc.parentCode ? [{ path: ['parentCode'], kind: 'region', id: doc.parentCode }] : [];
}
