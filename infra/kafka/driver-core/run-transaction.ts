import type { KafkaProducer, TransactionalProducer } from '../kafka-driver.ts';

/** One open transaction of a client, as `runTransaction` drives it. */
export interface OpenTransaction {
  /** Sends inside the transaction. */
  readonly producer: KafkaProducer;
  sendOffsets(next: { topic: string; partition: number; offset: string }): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * `TransactionalProducer.transaction` over any client: the work's writes and the consumer's next
 * offset commit together, or the transaction is aborted and the work's error rethrown.
 */
export async function runTransaction(
  begin: () => Promise<OpenTransaction>,
  work: Parameters<TransactionalProducer['transaction']>[0],
  next: Parameters<TransactionalProducer['transaction']>[1],
): Promise<void> {
  const transaction = await begin();
  try {
    await work(transaction.producer);
    await transaction.sendOffsets(next);
    await transaction.commit();
  } catch (error) {
    // The work's error is the one worth reporting; an abort that fails leaves it to the broker's timeout.
    await transaction.abort().catch(() => undefined);
    throw error;
  }
}
