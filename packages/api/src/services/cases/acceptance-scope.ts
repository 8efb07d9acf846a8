import { handlingAreas, type ItemDocument } from '@xlgl/schema';

/**
 * Which windows may accept an item (受理范围).
 *
 * - A centre accepts its own items (the item's region is the window's region).
 * - A higher-level item (盟级事项 seen from a 旗县市 window, 旗县级事项 seen from a 苏木乡镇 window) is
 *   accepted at a lower window when its 通办范围 reaches that window's region: 旗县域通办 covers the
 *   banner's territory, 全盟通办 the league's, 全区通办 the region's, 跨省通办 everywhere. Such a case
 *   is accepted here and handled at the owning centre (it goes there at once after acceptance).
 * - Sibling centres (another banner's items) are never offered, whatever the area: the owning centre
 *   would not be a higher centre and the case could not be escalated to it.
 */
export type AcceptanceScope = { kind: 'own' } | { kind: 'general'; owningRegionCode: string; area: keyof typeof handlingAreas };

/** The significant prefix of a region code: what every region below it starts with. */
export function regionPrefix(code: string): string {
  if (code.length > 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether `lower` lies strictly inside `higher` (e.g. 152502 inside 152500, 152502001 inside 152502). */
export function isStrictlyBelow(lower: string, higher: string): boolean {
  return lower !== higher && lower.startsWith(regionPrefix(higher));
}

/** The region codes an area of general handling covers, as a prefix of the item's region. */
function areaPrefix(area: keyof typeof handlingAreas, itemRegionCode: string): string | null {
  switch (area) {
    case 'local':
      return null;
    case 'banner':
      return itemRegionCode.slice(0, 6);
    case 'league':
      return itemRegionCode.slice(0, 4);
    case 'province':
      return itemRegionCode.slice(0, 2);
    case 'national':
      return '';
  }
}

/** How a window of `windowRegionCode` may accept `item`, or null when it may not. */
export function acceptanceScope(item: Pick<ItemDocument, 'regionCode' | 'handlingArea'>, windowRegionCode: string): AcceptanceScope | null {
  if (item.regionCode === windowRegionCode) return { kind: 'own' };
  if (!isStrictlyBelow(windowRegionCode, item.regionCode)) return null;
  const area = item.handlingArea ?? 'local';
  const prefix = areaPrefix(area, item.regionCode);
  if (prefix === null || !windowRegionCode.startsWith(prefix)) return null;
  return { kind: 'general', owningRegionCode: item.regionCode, area };
}
