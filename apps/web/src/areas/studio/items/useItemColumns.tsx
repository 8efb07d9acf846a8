import type { ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { caseTypes, itemCategories, regionLevelLabels } from '@xlgl/schema';
import { useTRPC } from '../../../trpc.js';
import { searchMaxLength } from '../../../lib/search.js';

/** A ProTable select filter's `valueEnum` from a code → label record. */
export const valueEnum = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).map(([key, text]) => [key, { text }]));

/** What every item list row carries. */
type ItemListRow = { id: string; name: string; caseType: string; departmentName: string };

/**
 * The columns (and their search fields) the item lists — 事项管理 and the 标准目录 — show alike:
 * keyword, name linking to the item, category, case type, department (searchable select of every
 * department), level. Each list places them among its own; spread one to change e.g. its width.
 */
export function useItemColumns<Row extends ItemListRow>() {
  const trpc = useTRPC();
  const options = useQuery(trpc.studio.items.options.queryOptions());
  return {
    search: { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '事项名称或编码', maxLength: searchMaxLength } },
    name: {
      title: '事项名称',
      dataIndex: 'name',
      search: false,
      width: 240,
      render: (_dom, row) => <Link to={`/studio/items/${row.id}`}>{row.name}</Link>,
    },
    category: { title: '事项类型', dataIndex: 'category', width: 110, valueType: 'select', valueEnum: valueEnum(itemCategories) },
    caseType: {
      title: '办件类型',
      dataIndex: 'caseType',
      search: false,
      width: 90,
      render: (_dom, row) => caseTypes[row.caseType as keyof typeof caseTypes] ?? row.caseType,
    },
    department: {
      title: '实施部门',
      dataIndex: 'departmentId',
      width: 200,
      valueType: 'select',
      fieldProps: {
        showSearch: true,
        options: (options.data?.allDepartments ?? []).map((entry) => ({ value: entry.id, label: entry.name })),
      },
      render: (_dom, row) => row.departmentName,
    },
    level: { title: '层级', dataIndex: 'level', width: 90, valueType: 'select', valueEnum: valueEnum(regionLevelLabels) },
  } satisfies Record<string, ProColumns<Row>>;
}
