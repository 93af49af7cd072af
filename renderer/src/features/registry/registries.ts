import type { MethodOutput } from '../../../../shared/index';
import { useCall } from '../../hooks/useCall';

export type RegistryEntry = MethodOutput<'registry.list'>[number];

const HUB_ONLY: RegistryEntry[] = [{ host: 'docker.io', hub: true, insecure: false, loggedIn: false, username: null }];
const NO_INPUT = {};

/** Docker Hub and the registries configured in Settings (Hub alone until the core answers). */
export function useRegistries(): RegistryEntry[] {
  const { data } = useCall('registry.list', NO_INPUT);
  return data && data.length > 0 ? data : HUB_ONLY;
}
