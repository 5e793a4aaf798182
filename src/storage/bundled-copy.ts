type Get = (keys: string[]) => Promise<Record<string, unknown>>;

/** The storage areas the copy may be in, as `storage.local.get` and `storage.session.get` answer. */
export interface BundledCopyAreas {
  local: { get: Get };
  /** Absent, or refusing content scripts, where the browser keeps it from them (see `storeBundledPack`). */
  session?: { get: Get };
}

/**
 * One item of the stored copy of the bundled pack (`key`: its head or its body; undefined when there is
 * none): from `storage.session`, where the background keeps it in memory, else from
 * `storage.local`, where it goes when this browser does not let content scripts read the session area (or
 * kept it before). Never rejects for the session area's sake.
 */
export function readBundledCopy(areas: BundledCopyAreas, key: string): Promise<unknown> {
  const fromLocal = () => areas.local.get([key]).then((raw) => raw[key]);
  let session: Promise<Record<string, unknown>> | undefined;
  try {
    session = areas.session?.get([key]);
  } catch {
    // Some browsers throw at once, rather than reject, in a context that may not read the area.
  }
  if (!session) return fromLocal();
  return session.then((raw) => raw[key] ?? fromLocal(), fromLocal);
}
