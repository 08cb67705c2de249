/** A one-shot event to wait on: `fired` resolves once `fire` is called, and stays resolved. */
export class Signal {
  readonly fired: Promise<void>;
  #fire: () => void = () => undefined;
  #done = false;

  constructor() {
    this.fired = new Promise((resolve) => { this.#fire = resolve; });
  }

  hasFired(): boolean {
    return this.#done;
  }

  fire(): void {
    this.#done = true;
    this.#fire();
  }
}
