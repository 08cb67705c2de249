/** A promise the test resolves when it chooses: holds a handler or a transaction mid-way. */
export function gate(): { readonly opened: Promise<void>; open(): void } {
  let resolve: () => void = () => undefined;
  const opened = new Promise<void>((r) => { resolve = r; });
  return { opened, open: () => { resolve(); } };
}
