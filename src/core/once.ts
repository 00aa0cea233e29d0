/**
 * `make`'s value, made on the first call and kept. For what a module would otherwise build at
 * load, which Apps Script pays at the start of every execution whether or not it is used.
 */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
