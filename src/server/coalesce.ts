// Reads that requests arriving together can share: the first asks for the read on the next turn of the
// event loop, and every request with the same key that arrives before the read starts joins it. The
// read always starts after each of its requests arrived, so none is answered from before a change it
// could have seen (unlike a cache with a lifetime).
export class Coalescer<T> {
  private readonly next = new Map<string, Promise<T>>();

  read(key: string, run: () => Promise<T>): Promise<T> {
    const waiting = this.next.get(key);
    if (waiting) return waiting;
    const read: Promise<T> = new Promise((resolve, reject) => {
      setImmediate(() => {
        if (this.next.get(key) === read) this.next.delete(key);
        run().then(resolve, reject);
      });
    });
    this.next.set(key, read);
    return read;
  }
}
