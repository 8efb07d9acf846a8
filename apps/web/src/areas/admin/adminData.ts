import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OrganizationNode, RegionNode } from '@xlgl/api';
import type { Capability, PostDocument, RoleDocument } from '@xlgl/schema';
import { useCurrentUser } from '../../auth/CurrentUserContext.js';
import { useTRPC } from '../../trpc.js';

/** Largest page the list endpoint serves; used for small lookup lists (roles, posts). */
export const lookupPageSize = 500;

/** Flattens a tree into a map from key to node, with the path of ancestor names. */
export function indexTree<T extends { children: T[] }>(roots: T[], keyOf: (node: T) => string): Map<string, { node: T; ancestors: T[] }> {
  const index = new Map<string, { node: T; ancestors: T[] }>();
  const walk = (nodes: T[], ancestors: T[]) => {
    for (const node of nodes) {
      index.set(keyOf(node), { node, ancestors });
      walk(node.children, [...ancestors, node]);
    }
  };
  walk(roots, []);
  return index;
}

export function useRegionTree() {
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.regions.tree.queryOptions());
  const index = useMemo(() => indexTree<RegionNode>(query.data ?? [], (node) => node.code), [query.data]);
  return { ...query, index };
}

export function useOrganizationTree() {
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.organizations.tree.queryOptions());
  const index = useMemo(() => indexTree<OrganizationNode>(query.data ?? [], (node) => node.id), [query.data]);
  return { ...query, index };
}

export function useRoles() {
  const trpc = useTRPC();
  const query = useQuery(trpc.admin.documents.list.queryOptions({ kind: 'role', page: 1, pageSize: lookupPageSize }));
  const roles = useMemo(() => (query.data?.rows ?? []).map((row) => row.document as RoleDocument), [query.data]);
  return { ...query, roles };
}

export function usePosts(organizationId?: string) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.admin.documents.list.queryOptions({ kind: 'post', page: 1, pageSize: lookupPageSize, organizationId }, { enabled: organizationId !== '' }),
  );
  const posts = useMemo(() => (query.data?.rows ?? []).map((row) => row.document as PostDocument), [query.data]);
  return { ...query, posts };
}

/** Refetches everything administration shows after a change (trees, lists, the current user). */
export function useInvalidateAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    ]);
}

/** Whether the signed-in user may edit (not only view) in administration. */
export function useCanEdit(capability: Capability): boolean {
  return useCurrentUser().capabilities.includes(capability);
}
