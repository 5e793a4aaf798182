export function findChromium(options?: { install?: boolean }): string;
export function findFirefox(options?: { install?: boolean }): string;
export const CHROMIUM_QUIET_FLAGS: string[];
