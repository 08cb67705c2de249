import { inspect } from 'node:util';

/** A credential that never prints: logs, JSON and `util.inspect` show a mask, `reveal()` the value. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return this.#value.length === 0 ? '' : '******';
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return `Secret(${this.toString()})`;
  }
}
