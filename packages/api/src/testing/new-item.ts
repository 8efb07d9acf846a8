import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ItemDocument } from '@xlgl/schema';

const shippedMetadataDir = fileURLToPath(new URL('../../../../metadata', import.meta.url));

/**
 * A new, not yet coded league item of 盟市场监督管理局 for tests of the item lifecycle: the shipped
 * 食品经营许可 (item-food-business) under another id and name, without codes, at version 1.
 */
export async function newItem(id: string, name = '测试许可事项'): Promise<ItemDocument> {
  const shipped = JSON.parse(await readFile(`${shippedMetadataDir}/items/item-food-business.json`, 'utf8')) as ItemDocument;
  const { codes: _codes, ...rest } = shipped;
  return { ...rest, id, name, version: 1 } as ItemDocument;
}
