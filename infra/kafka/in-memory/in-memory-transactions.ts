import { KafkaClientError, ProducerFencedError } from '../../../errors/index.ts';
import type { LoggedTransaction, PartitionLog } from './in-memory-partition-log.ts';

/** One transaction of one transactional id: the logs it wrote to, made visible or skipped together. */
export interface Transaction extends LoggedTransaction {
  readonly transactionalId: string;
  readonly epoch: number;
  readonly logs: Set<PartitionLog>;
}

interface MutableTransaction extends Transaction {
  state: LoggedTransaction['state'];
}

/**
 * The transaction coordinator: the current epoch of each transactional id and its open
 * transaction. A new producer of an id bumps the epoch, which aborts the open transaction and
 * fences the older producer; so does a transaction outliving the timeout, as on Kafka 2.5 and later.
 */
export class TransactionCoordinator {
  readonly #epochs = new Map<string, number>();
  readonly #open = new Map<string, { transaction: MutableTransaction; timer: NodeJS.Timeout }>();
  readonly #timeoutMs: number;
  readonly #changed: () => void;

  constructor(timeoutMs: number, changed: () => void) {
    this.#timeoutMs = timeoutMs;
    this.#changed = changed;
  }

  /** Registers a producer of the id: returns its epoch, fencing every older producer of the id. */
  initProducer(transactionalId: string): number {
    const epoch = (this.#epochs.get(transactionalId) ?? -1) + 1;
    this.#epochs.set(transactionalId, epoch);
    this.#abortOpen(transactionalId);
    return epoch;
  }

  begin(transactionalId: string, epoch: number): Transaction {
    this.assertCurrent(transactionalId, epoch);
    if (this.#open.has(transactionalId)) {
      throw new KafkaClientError(`transactional producer ${transactionalId} already has a transaction in progress`, 'invalid_txn_state', false);
    }
    const transaction: MutableTransaction = { transactionalId, epoch, state: 'open', logs: new Set() };
    const timer = setTimeout(() => {
      if (this.#open.get(transactionalId)?.transaction === transaction) this.initProducer(transactionalId);
    }, this.#timeoutMs);
    timer.unref();
    this.#open.set(transactionalId, { transaction, timer });
    return transaction;
  }

  /** Throws unless the transaction is still open and its producer not fenced: before each write. */
  assertWritable(transaction: Transaction): void {
    this.assertCurrent(transaction.transactionalId, transaction.epoch);
    if (transaction.state !== 'open') {
      throw new KafkaClientError(`transaction of ${transaction.transactionalId} is already ${transaction.state}`, 'invalid_txn_state', false);
    }
  }

  /** Makes the transaction's records visible and runs `alongside` (the offset commit) in the same step. */
  commit(transaction: Transaction, alongside: () => void): void {
    this.assertWritable(transaction);
    alongside();
    this.#end(transaction, 'committed');
  }

  /** Aborts the transaction if it is still open; its records are never read. */
  abort(transaction: Transaction): void {
    if (transaction.state === 'open') this.#end(transaction, 'aborted');
  }

  assertCurrent(transactionalId: string, epoch: number): void {
    if (this.#epochs.get(transactionalId) !== epoch) throw new ProducerFencedError(transactionalId);
  }

  #abortOpen(transactionalId: string): void {
    const open = this.#open.get(transactionalId);
    if (open !== undefined) this.#end(open.transaction, 'aborted');
  }

  #end(transaction: Transaction, state: 'committed' | 'aborted'): void {
    const open = this.#open.get(transaction.transactionalId);
    if (open?.transaction !== transaction) return;
    clearTimeout(open.timer);
    this.#open.delete(transaction.transactionalId);
    open.transaction.state = state;
    for (const log of transaction.logs) log.endTransaction(transaction);
    this.#changed();
  }
}
