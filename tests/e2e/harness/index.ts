export * from './extension';
export * from './page';
export * from './fixtures';
