export * from './extension';
export * from './page';
export * from './fixtures';
export * from './engine';
export * from './popover';
export * from './screenshots';
export * from './firefox';
