import type { OrganizationDocument, OrganizationType, RegionDocument, RegionLevel } from '@xlgl/schema';
import { readAllDocuments } from '@xlgl/db';
import { requires, router } from '../../trpc.js';

export type RegionNode = { code: string; name: string; level: RegionLevel; children: RegionNode[] };
export type OrganizationNode = { id: string; name: string; type: OrganizationType; regionCode: string; children: OrganizationNode[] };

/** Nests items under their parent; items whose parent is missing become roots. */
function nest<T extends { children: T[] }>(items: { key: string; parent?: string; node: T }[]): T[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const roots: T[] = [];
  for (const item of items) {
    const parent = item.parent ? byKey.get(item.parent) : undefined;
    if (parent && parent !== item) parent.node.children.push(item.node);
    else roots.push(item.node);
  }
  return roots;
}

export const regionsRouter = router({
  tree: requires('admin.access').query(async ({ ctx }): Promise<RegionNode[]> => {
    const regions = (await readAllDocuments(ctx.db, ['region'])).map((row) => row.body as unknown as RegionDocument);
    regions.sort((a, b) => a.code.localeCompare(b.code));
    return nest(
      regions.map((region) => ({
        key: region.code,
        parent: region.parentCode,
        node: { code: region.code, name: region.name, level: region.level, children: [] as RegionNode[] },
      })),
    );
  }),
});

export const organizationsRouter = router({
  tree: requires('admin.access').query(async ({ ctx }): Promise<OrganizationNode[]> => {
    const organizations = (await readAllDocuments(ctx.db, ['organization'])).map((row) => row.body as unknown as OrganizationDocument);
    organizations.sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));
    return nest(
      organizations.map((organization) => ({
        key: organization.id,
        parent: organization.parentId,
        node: { id: organization.id, name: organization.name, type: organization.type, regionCode: organization.regionCode, children: [] as OrganizationNode[] },
      })),
    );
  }),
});
