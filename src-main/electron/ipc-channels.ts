/** Host-only IPC channels (native file dialogs), shared by preload and main. */
export const FILE_CHANNELS = { open: 'files:open', save: 'files:save' } as const;
