import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Which account (`sub`) owns a namespace (email). The first verified sign-in with an email
 * binds it; a different account presenting the same email later (a recycled or transferred
 * address, a second identity provider) is refused until an operator releases the binding by
 * deleting its item. So nobody inherits another person's history through an email.
 */
export interface IdentityStore {
  /** Binds `email` to `sub` if unbound. Returns the sub it is bound to (strongly consistent). */
  bind(email: string, sub: string, now: number): Promise<string>;
  /** Whether anyone has signed in with `email` (an account exists). Eventually consistent. */
  exists(email: string): Promise<boolean>;
}

export class MemoryIdentityStore implements IdentityStore {
  readonly bindings = new Map<string, string>();

  async bind(email: string, sub: string): Promise<string> {
    const bound = this.bindings.get(email);
    if (bound !== undefined) return bound;
    this.bindings.set(email, sub);
    return sub;
  }

  async exists(email: string): Promise<boolean> {
    return this.bindings.has(email);
  }
}

/** Table `identities`: GetItem (consistent) and a conditional PutItem, nothing else. */
export class DynamoIdentityStore implements IdentityStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async exists(email: string): Promise<boolean> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { email } }));
    return typeof out.Item?.sub === 'string';
  }

  async bind(email: string, sub: string, now: number): Promise<string> {
    const read = async () => {
      const out = await this.db.send(
        new GetCommand({ TableName: this.table, Key: { email }, ConsistentRead: true }),
      );
      return typeof out.Item?.sub === 'string' ? out.Item.sub : undefined;
    };
    const bound = await read();
    if (bound !== undefined) return bound;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { email, sub, boundAt: now },
          ConditionExpression: 'attribute_not_exists(email)',
        }),
      );
      return sub;
    } catch (error) {
      const lost =
        error instanceof ConditionalCheckFailedException ||
        (error as { name?: string }).name === 'ConditionalCheckFailedException';
      if (!lost) throw error;
      const winner = await read();
      if (winner === undefined) throw new Error('identity binding vanished, retry');
      return winner;
    }
  }
}
