// The package ships no types; this covers the part distinct-count.ts uses.
declare module 'hyperloglog-lite' {
  /** A sketch of 2^n one-byte registers. */
  function HyperLogLog(n: number): HyperLogLog.Sketch;

  namespace HyperLogLog {
    /** Registers as the package exchanges them. */
    interface Data {
      n: number;
      buckets: Buffer;
    }

    interface Sketch {
      add(hash: readonly number[]): Sketch;
      count(): number;
      relative_error(): number;
      /** The live registers, not a copy. */
      output(): Data;
      /** Takes the per-register maximum with `data`, folding to the smaller of the two sizes. */
      merge(data: Data): void;
    }

    /** 128 bits of MurmurHash2 of the UTF-8 bytes, as four unsigned 32-bit words. */
    function hash(value: string): number[];
  }

  export = HyperLogLog;
}
