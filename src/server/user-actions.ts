/**
 * What a user did, read from Tray's own successful answers to the widget's
 * mutations as they pass through the proxy: a backend learns that a user
 * connected, enabled, disabled or removed something (an instance, or a
 * connected account) from Tray's word, not
 * the browser's.
 */
import type { TrayServerEvent } from './events.ts';

type UserAction = Extract<TrayServerEvent, { type: `instance-${string}` | 'account-removed' }>;

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `data` of an answer that carries no errors, else null: a refused mutation did nothing to report. */
export function successfulData(body: unknown): Record<string, unknown> | null {
  const answer = record(body);
  if (!answer || (Array.isArray(answer.errors) && answer.errors.length > 0)) return null;
  return record(answer.data);
}

/** The instance in a mutation's payload: `{ solutionInstance: { id, owner, solution { id } } }`. */
function instanceOf(payload: unknown): { instanceId: string; userId: string | null; solutionId: string | null; enabled: unknown } | null {
  const instance = record(record(payload)?.solutionInstance);
  const instanceId = text(instance?.id);
  if (!instance || !instanceId) return null;
  return { instanceId, userId: text(instance.owner), solutionId: text(record(instance.solution)?.id), enabled: instance.enabled };
}

/**
 * The events one answer stands for. `removed` is what the proxy read of an
 * instance just before forwarding its removal (the removal's answer names
 * nothing but itself).
 */
export function userActions(
  operation: string,
  variables: Record<string, unknown>,
  body: unknown,
  externalUserId: string,
  removed?: { userId: string | null; solutionId: string | null } | null,
): UserAction[] {
  const data = successfulData(body);
  if (!data) return [];
  switch (operation) {
    case 'CreateInstance': {
      const instance = instanceOf(data.createSolutionInstance);
      return instance ? [{ type: 'instance-created', externalUserId, userId: instance.userId, solutionId: instance.solutionId, instanceId: instance.instanceId }] : [];
    }
    case 'UpdateInstance': {
      const instance = instanceOf(data.updateSolutionInstance);
      // Only a change the request asked for and Tray's answer confirms.
      if (!instance || typeof variables.enabled !== 'boolean' || instance.enabled !== variables.enabled) return [];
      const type = variables.enabled ? 'instance-enabled' : 'instance-disabled';
      return [{ type, externalUserId, userId: instance.userId, solutionId: instance.solutionId, instanceId: instance.instanceId }];
    }
    case 'RemoveInstance': {
      const instanceId = text(variables.solutionInstanceId);
      if (!instanceId || !('removeSolutionInstance' in data)) return [];
      return [{ type: 'instance-removed', externalUserId, userId: removed?.userId ?? null, solutionId: removed?.solutionId ?? null, instanceId }];
    }
    case 'RemoveAuthentication': {
      // The answer names nothing but the mutation: the account is the one the request named.
      const authenticationId = text(variables.authenticationId);
      if (!authenticationId || !('removeAuthentication' in data)) return [];
      return [{ type: 'account-removed', externalUserId, userId: null, authenticationId, solutionId: null, instanceId: null }];
    }
    default:
      return [];
  }
}
