/**
 * A storage item defined on its first use. WXT's `defineItem` reads the item's value from storage as soon as
 * the item is defined (and one with migrations its version too), so items defined up front cost every page
 * load a storage round trip or more each, in every frame, whether the page ever uses them or not.
 */
export function lazyItem<T>(define: () => T): () => T {
  let item: T | undefined;
  return () => (item ??= define());
}
