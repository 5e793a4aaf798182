// js-yaml ships without types; the tests only need load().
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
