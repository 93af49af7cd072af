import type { AppInfo } from '../../../shared/index';
import { useCall } from './useCall';

const NO_INPUT = {};

export function useAppInfo(): AppInfo | undefined {
  return useCall('app.info', NO_INPUT).data;
}
