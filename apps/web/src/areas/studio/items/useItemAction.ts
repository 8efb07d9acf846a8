import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';

/** Runs an item mutation: on success says `success` and refetches every item query; a refusal shows the server's message. */
export function useItemAction() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      message.success(success);
      await queryClient.invalidateQueries({ queryKey: trpc.studio.items.pathKey() });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
}
