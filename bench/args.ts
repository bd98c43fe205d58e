// The command line of a benchmark run on its own: `--name value` flags, taken out, and the locations left.
export function benchArgs(argv: string[] = process.argv.slice(2)) {
  const args = [...argv];
  return {
    /** The value after --name, removed from the arguments (undefined when absent). */
    flag(name: string): string | undefined {
      const i = args.indexOf(`--${name}`);
      if (i < 0) return undefined;
      const [, value] = args.splice(i, 2);
      return value;
    },
    /** What is left once the flags are taken: store locations, or the default one. */
    locations(): string[] {
      return args.length > 0 ? args : ['bench/out/bench.db'];
    },
  };
}
