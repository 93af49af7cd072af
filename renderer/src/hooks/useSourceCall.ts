import type { EventName, MethodInput, MethodName, MethodOutput } from '../../../shared/index';
import { useSource } from '../state/sources';
import { useCall, type CallState } from './useCall';

/** Methods whose input names the source they work on. */
type SourcedName = { [M in MethodName]: 'source' extends keyof MethodInput<M> ? M : never }[MethodName];
type WithoutSource<M extends MethodName> = Omit<MethodInput<M>, 'source'>;

const STORE_CHANGED: readonly EventName[] = ['store.changed'];
const NONE: readonly EventName[] = [];

/**
 * useCall on the source the views show: the source goes into the input, and
 * with `live` a 'store.changed' of that source (and only that one) refetches.
 */
export function useSourceCall<M extends SourcedName>(method: M, input: WithoutSource<M>, live = true): CallState<MethodOutput<M>> {
  const source = useSource();
  const full = { ...input, source } as unknown as MethodInput<M>;
  return useCall(method, full, live ? STORE_CHANGED : NONE, (_event, payload) => (payload as { source?: string }).source === source);
}
